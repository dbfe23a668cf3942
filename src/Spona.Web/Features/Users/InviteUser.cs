using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Users;

/// <summary>
/// An administrator invites a person: the account, its ordinary roles, requests for the roles that oversee, and the
/// activation link. Used by the invite page and the API.
/// </summary>
public sealed class InviteUser(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, TimeProvider clock, AccountChanges changes)
{
    /// <summary>
    /// Creates the account and its activation link. When Spona sends e-mail the link goes to the person in a mail that
    /// commits with the account, and the administrator is told only that it was sent; otherwise the administrator gets
    /// the link to hand over.
    /// </summary>
    public async Task<(EditOutcome Outcome, ActivationLink? Link)> InviteAsync(InviteInput input, ClaimsPrincipal actor, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        var roles = input.Roles.Distinct(StringComparer.Ordinal).ToList();
        if (RoleGrants.Check(roles, ownAccount: false) is { } roleProblem)
        {
            return (EditOutcome.Invalid(nameof(InviteInput.Roles), roleProblem), null);
        }

        var institutionId = await db.Institutions.Where(i => i.Code == input.Institution && i.IsActive).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (institutionId is null)
        {
            return (EditOutcome.Invalid(nameof(InviteInput.Institution), "Choose an institution from the list."), null);
        }

        Guid? jurisdictionId = null;
        if (!string.IsNullOrEmpty(input.Jurisdiction))
        {
            jurisdictionId = await db.Jurisdictions.Where(j => j.Code == input.Jurisdiction).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (jurisdictionId is null)
            {
                return (EditOutcome.Invalid(nameof(InviteInput.Jurisdiction), "Choose a jurisdiction from the list."), null);
            }
        }

        var email = input.Email.Trim();
        using var operation = audit.BeginOperation(UsersOperations.Invite.Code);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new SponaUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            InstitutionId = institutionId.Value,
            JurisdictionId = jurisdictionId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            // The roles that oversee wait for a second administrator (S15); the rest apply now.
            var (direct, privileged) = AccountChanges.Split(roles);
            audit.Add(new AuditEvent("user.invited", "Account", user.Id.ToString(), Changes: AccountChanges.RolesChange([], direct)));
            result = await users.AddToRolesAsync(user, direct);
            if (result.Succeeded && privileged.Count > 0)
            {
                await changes.RequestRolesAsync(user.Id, privileged, AccountChanges.ActorId(actor), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal)) ? nameof(InviteInput.Email) : "";
            return (EditOutcome.Invalid(field, IdentityMessages.For(result.Errors.First())), null);
        }

        var link = await changes.DeliverLinkAsync(user, delivery, invitation: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        operation.Complete();
        return (EditOutcome.Done(user.Id.ToString()), changes.Sent(link));
    }
}
