using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Account;

/// <summary>S3 with a fake clock: idle timeout 15 minutes, absolute lifetime 12 hours however busy the session is.</summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.ClockFixture app) : IClassFixture<SessionLifetimeTests.ClockFixture>
{
    private static Uri Api => new("/api/v1/strategy", UriKind.Relative);

    [Fact]
    public async Task IdleSession_EndsAfter15Minutes()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password, app.Clock.GetUtcNow());

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Api)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Api)).StatusCode);
    }

    [Fact]
    public async Task BusySession_EndsAfter12Hours()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password, app.Clock.GetUtcNow());

        for (var minutes = 0; minutes < (12 * 60) - 10; minutes += 10)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Api)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Api)).StatusCode);
    }

    public sealed class ClockFixture : AppFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
}
