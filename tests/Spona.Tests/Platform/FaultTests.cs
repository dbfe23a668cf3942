using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>Fail secure (S11): an exception inside a request shows a correlation id and never the details.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private const string Canary = "canary-secret-SELECT-password-4411";

    private readonly AppFixture app = new FaultyApp();
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        client = await app.SignedInClientAsync(Roles.Analyst);
    }

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task ApiException_IsProblemDetailsWithCorrelationIdOnly()
    {
        var response = await client.GetAsync(new Uri("/api/v1/test-fault", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("correlationId", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageException_IsAnErrorPageWithCorrelationIdOnly()
    {
        var response = await client.GetAsync(new Uri("/test-fault", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Something went wrong", page.Text("h1"));
        Assert.Matches("^[0-9a-f]{32}$", page.Text("main code"));
        Assert.DoesNotContain(Canary, page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", page.Source.Text, StringComparison.Ordinal);
    }

    private sealed class FaultyApp : AppFixture
    {
        protected override void ConfigureServices(IServiceCollection services) => services.AddTransient<IStartupFilter, ThrowingEndpoints>();
    }

    private sealed class ThrowingEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Runs after the application's own pipeline, inside its exception handler.
            app.Run(context => context.Request.Path.Value is "/api/v1/test-fault" or "/test-fault"
                ? throw new InvalidOperationException(Canary)
                : Task.CompletedTask);
        };
    }
}
