using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Platform.Access;

/// <summary>Break-the-glass settings, configuration section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long access opened by breaking the glass lasts (default 4 hours, at most 24).</summary>
    public int BreakGlassHours { get; set; } = 4;

    public const int MinimumReasonLength = 20;
}

public sealed record BreakGlassView(
    Guid Id, string RecordType, Guid RecordId, Guid UserId, string UserEmail, string Reason, DateTime From, DateTime Until, bool Active);

/// <summary>
/// "Break the glass" (S5): a user without scope on a record may open it by stating a reason. The grant is theirs
/// alone, lasts <see cref="AccessOptions.BreakGlassHours"/>, and is listed for the State Coordinator's office and
/// auditors. The reason is personal data and is stored encrypted.
/// </summary>
public sealed class BreakGlassService(
    Audit.IAuditTrail audit,
    Audit.RecordReads reads,
    AppDbContext db, CurrentUser user, RecordTypeRegistry types, IServiceProvider services, TimeProvider clock, IOptions<AccessOptions> options)
{
    public async Task<(BreakGlassView? Grant, string? Field, string? Error, bool NotFound)> OpenAsync(string? recordType, Guid recordId, string? reason, CancellationToken cancellationToken)
    {
        if (!types.IsKnown(recordType))
        {
            return (null, "recordType", Localizable.Text("Unknown record type."), false);
        }

        reason = reason?.Trim() ?? "";
        if (reason.Length is < AccessOptions.MinimumReasonLength or > 2000)
        {
            return (null, "reason", Localizable.Text("State the reason in 20 to 2000 characters: why you need this record now."), false);
        }

        if (!await types.ExistsAsync(services, recordType!, recordId, cancellationToken))
        {
            return (null, null, null, true);
        }

        var me = user.Scope;
        if (me.UserId == Guid.Empty)
        {
            return (null, null, null, true);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new RecordAccessGrant
        {
            Id = Guid.NewGuid(),
            RecordType = recordType!,
            RecordId = recordId,
            GranteeUserId = me.UserId,
            Basis = GrantBasis.BreakGlass,
            Reason = reason,
            ValidFrom = now,
            ValidUntil = now.AddHours(options.Value.BreakGlassHours),
            CreatedByUserId = me.UserId,
            CreatedAt = now,
        };
        db.Add(grant);
        // The reason stays in the grant (encrypted); the trail links to it (S5, S6).
        // The operation carries the reason too (encrypted, outside the chain): the audit pages show it with the entry.
        using var auditChange = audit.BeginOperation(Audit.PlatformOperations.BreakGlass.Code, reason);
        audit.Add(new Audit.AuditEvent(Audit.AuditActions.BreakGlass, recordType!, recordId.ToString(),
            Changes: System.Text.Json.JsonSerializer.Serialize(new[] { new { field = "Grant", @new = grant.Id.ToString() }, new { field = "ValidUntil", @new = grant.ValidUntil.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture) } })));
        await db.SaveChangesAsync(cancellationToken);
        auditChange.Complete();
        var email = user.UserName ?? "";
        return (new BreakGlassView(grant.Id, grant.RecordType, grant.RecordId, me.UserId, email, reason, now, grant.ValidUntil.Value, true), null, null, false);
    }

    /// <summary>Every break-the-glass access, newest first, for review.</summary>
    public async Task<PagedResult<BreakGlassView>> ListAsync(int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = PagedResult<BreakGlassView>.Normalize(page, pageSize);
        var query = db.Set<RecordAccessGrant>().AsNoTracking().Where(g => g.Basis == GrantBasis.BreakGlass);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(g => g.CreatedAt).Skip((number - 1) * size).Take(size)
            .Select(g => new { Grant = g, Email = db.Users.Where(u => u.Id == g.GranteeUserId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        reads.Shown(nameof(RecordAccessGrant), rows.Select(r => r.Grant.Id));
        reads.Shown("Account", rows.Where(r => r.Grant.GranteeUserId is not null).Select(r => r.Grant.GranteeUserId!.Value));
        return new(
            [.. rows.Select(r => new BreakGlassView(r.Grant.Id, r.Grant.RecordType, r.Grant.RecordId, r.Grant.GranteeUserId ?? Guid.Empty, r.Email ?? "", r.Grant.Reason ?? "",
                r.Grant.ValidFrom, r.Grant.ValidUntil ?? r.Grant.ValidFrom, r.Grant.RevokedAt is null && r.Grant.ValidUntil > now))],
            number, size, total);
    }
}

public static class AccessSetup
{
    public static IServiceCollection AddRecordAccess(this IServiceCollection services)
    {
        services.AddScoped<RecordScope>();

        services.AddScoped<BreakGlassService>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RecordScopeHandler>();
        services.AddSingleton(provider =>
        {
            var registry = new RecordTypeRegistry();
            foreach (var definition in provider.GetRequiredService<IOptions<RecordTypeOptions>>().Value.Types)
            {
                registry.Add(definition);
            }

            return registry;
        });
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section)
            .Validate(o => o.BreakGlassHours is >= 1 and <= 24, "Access:BreakGlassHours must be 1-24.").ValidateOnStart();
        return services;
    }
}
