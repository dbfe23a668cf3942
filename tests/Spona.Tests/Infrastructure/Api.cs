using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Spona.Tests.Infrastructure;

public static class Api
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await JsonAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), expected);

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected) =>
        await JsonAsync(await client.PostAsJsonAsync(new Uri(url, UriKind.Relative), body), expected);

    public static async Task<JsonElement> PutJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected) =>
        await JsonAsync(await client.PutAsJsonAsync(new Uri(url, UriKind.Relative), body), expected);

    public static async Task<JsonElement> PostRawAsync(this HttpClient client, string url, string json, HttpStatusCode expected) =>
        await JsonAsync(await client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json")), expected);
}
