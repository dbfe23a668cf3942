using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Tests.Infrastructure;

/// <summary>One application on one fresh database, shared by the tests of a class.</summary>
public class AppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private TestDatabase? database;
    private SponaFactory? factory;

    public SponaFactory Factory => factory ?? throw new InvalidOperationException("Not initialised.");

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public virtual async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        factory = new SponaFactory(database, ConfigureServices, Settings);
        _ = factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Configuration a fixture overrides (e.g. real rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Lets a fixture add test-only services (fault injection, fakes).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Creates an account with one role in the Ministry of Security; returns its e-mail address.</summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, string? displayName = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await using var scope = Factory.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
        var result = await setup.CreateAdministratorAsync(new NewAdministrator(email, Password, displayName ?? "Test user"), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        if (role != Roles.SystemAdministrator)
        {
            var user = (await users.FindByEmailAsync(email))!;
            await users.RemoveFromRoleAsync(user, Roles.SystemAdministrator);
            await users.AddToRoleAsync(user, role);
        }

        // Every account signs in with a second factor (S1): the test's authenticator app gets the key.
        var account = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        Authenticators.Register(email, (await users.GetAuthenticatorKeyAsync(account))!);
        return email;
    }

    /// <summary>The id of the account with this e-mail address.</summary>
    public async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>An API client without cookies that sends <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public HttpClient BearerClient(string token)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client signed in as a new user with <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role = Roles.SystemAdministrator)
    {
        var email = await CreateUserAsync(role);
        var client = Factory.CreateBrowser();
        await Html.SignInAsync(client, email, Password);
        return client;
    }
}
