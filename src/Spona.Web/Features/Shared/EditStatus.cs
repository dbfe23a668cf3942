namespace Spona.Web.Features.Shared;

public enum EditStatus
{
    Done,
    NotFound,
    Conflict,
    Invalid,

    /// <summary>The caller sees the record but may not make this change.</summary>
    Forbidden,
}
