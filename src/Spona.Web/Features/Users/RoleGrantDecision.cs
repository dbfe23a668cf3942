namespace Spona.Web.Features.Users;

public enum RoleGrantDecision
{
    Approved,
    Rejected,
    Withdrawn,
}
