namespace Spona.Web.Platform.Audit;

/// <summary>
/// Declares that the audit trail may record this property's old and new values (S6, ADR 0019): ids, codes, states,
/// flags, foreign keys, timestamps, published reference texts. Every other property of an <see cref="IAudited"/>
/// entity is recorded by name only, because the trail is append-only and a value copied into it can never be erased.
/// On an owned navigation (e.g. a <c>LocalizedText</c>) it declares every property of the owned value. Never put it
/// on personal data: <see cref="AuditValuePolicy"/> refuses a personal, encrypted or blind-index property even when
/// declared, and a test fails on the declaration.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AuditValueAttribute : Attribute;
