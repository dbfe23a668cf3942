namespace Spona.Web.Platform.Errors;

/// <summary>
/// An entity refused an operation because a business rule forbids it. <see cref="Code"/> is stable, for clients and
/// tests; the message is English and is translated through the localizer when shown.
/// </summary>
public sealed class DomainRuleViolation : Exception
{
    public DomainRuleViolation()
    {
        Code = "rule";
    }

    public DomainRuleViolation(string message)
        : base(message)
    {
        Code = "rule";
    }

    public DomainRuleViolation(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "rule";
    }

    public DomainRuleViolation(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
