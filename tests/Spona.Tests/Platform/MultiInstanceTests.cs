using System.Net;
using Microsoft.Net.Http.Headers;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>Several instances on one database: data-protection keys live there, so a sign-in on one is valid on another.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private readonly AppFixture first = new();
    private SponaFactory? second;

    public async Task InitializeAsync()
    {
        await first.InitializeAsync();
        second = new SponaFactory(first.Database);
        _ = second.Server;
    }

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        await first.DisposeAsync();
    }

    [Fact]
    public async Task SignInOnOneInstance_IsValidOnAnother()
    {
        var email = await first.CreateUserAsync(Roles.Analyst);
        var client = first.Factory.CreateBrowser();
        var signIn = await Html.SignInAsync(client, email, AppFixture.Password);
        var cookie = SetCookieHeaderValue.ParseList([.. signIn.Headers.GetValues("Set-Cookie")]).Single(c => c.Name == "__Host-spona");

        var other = second!.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/strategy", UriKind.Relative));
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var anonymous = await other.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
