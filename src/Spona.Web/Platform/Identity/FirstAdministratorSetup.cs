using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// Creating the first administrator of a new installation: through a one-time link printed at start (valid 24 hours)
/// or through <c>spona admin create</c>.
/// </summary>
public sealed class FirstAdministratorSetup(AppDbContext db, UserManager<SponaUser> users, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public Task<bool> HasUsersAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    /// <summary>Issues a new token and voids any earlier unused one. Returns the token to print; only its hash is kept.</summary>
    public async Task<string> IssueTokenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.SetupTokens.Where(t => t.UsedAt == null).ToListAsync(cancellationToken))
        {
            old.UsedAt = now;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.SetupTokens.Add(new SetupToken { Id = Guid.NewGuid(), TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + LinkLifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<bool> IsTokenValidAsync(string? token, CancellationToken cancellationToken) =>
        await FindUsableAsync(token, cancellationToken) is not null && !await HasUsersAsync(cancellationToken);

    /// <summary>Creates the first administrator with the token; fails if the token is not valid or users exist.</summary>
    public async Task<IdentityResult> CompleteAsync(string? token, NewAdministrator input, CancellationToken cancellationToken)
    {
        var setupToken = await FindUsableAsync(token, cancellationToken);
        if (setupToken is null || await HasUsersAsync(cancellationToken))
        {
            return LinkInvalid();
        }

        // Claim the token atomically first: of two simultaneous submissions only one creates an administrator.
        var claimed = await db.SetupTokens.Where(t => t.Id == setupToken.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (claimed != 1)
        {
            return LinkInvalid();
        }

        var result = await CreateAdministratorAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            // Nothing was created: give the link back so that the person can correct the form.
            await db.SetupTokens.Where(t => t.Id == setupToken.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, (DateTime?)null), cancellationToken);
        }

        return result;
    }

    private static IdentityResult LinkInvalid() =>
        IdentityResult.Failed(new IdentityError { Code = "SetupLinkInvalid", Description = "This setup link is not valid any more." });

    /// <summary>Creates a system administrator (also used by the CLI, which needs no token).</summary>
    public async Task<IdentityResult> CreateAdministratorAsync(NewAdministrator input, CancellationToken cancellationToken)
    {
        var institutionId = await db.Institutions
            .Where(i => i.Code == (input.InstitutionCode ?? Institution.DefaultAdministratorInstitutionCode))
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (institutionId is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownInstitution", Description = "The institution does not exist." });
        }

        // Account, role and voided setup links together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new SponaUser
        {
            Id = Guid.NewGuid(),
            UserName = input.Email,
            Email = input.Email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName,
            InstitutionId = institutionId.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, input.Password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Roles.SystemAdministrator);
        }

        if (result.Succeeded)
        {
            foreach (var unused in await db.SetupTokens.Where(t => t.UsedAt == null).ToListAsync(cancellationToken))
            {
                unused.UsedAt = clock.GetUtcNow().UtcDateTime;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private async Task<SetupToken?> FindUsableAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            return null;
        }

        var hash = Hash(token);
        var found = await db.SetupTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return found is not null && found.IsUsableAt(clock.GetUtcNow().UtcDateTime) ? found : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
