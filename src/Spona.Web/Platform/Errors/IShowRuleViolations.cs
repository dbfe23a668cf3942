using Microsoft.AspNetCore.Mvc;

namespace Spona.Web.Platform.Errors;

/// <summary>
/// A page whose forms may break a domain rule. Its handlers do not catch <see cref="DomainRuleViolation"/>: the rule
/// filter (<see cref="DomainRuleFilter"/>) puts the translated message on the form and shows the page again through
/// <see cref="ShowAgainAsync"/>, which loads what the page displays.
/// </summary>
public interface IShowRuleViolations
{
    Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken);
}
