namespace Spona.Web.Features.Shared;

public enum EditStatus
{
    Done,
    NotFound,
    Conflict,
    Invalid,
}
