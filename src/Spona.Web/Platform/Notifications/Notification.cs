namespace Spona.Web.Platform.Notifications;

/// <summary>
/// A notice in the application for one person. It names what happened (<see cref="Kind"/>), a pseudonymous reference
/// to the record (a type and an id, never a name) and a local link; the record's own page shows the rest, under its
/// own scope checks. Only the recipient ever sees it.
/// </summary>
public sealed class Notification
{
    public const int KindLength = 64;
    public const int SubjectLength = 100;
    public const int LinkLength = 300;

    private Notification()
    {
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>A registered <see cref="NotificationKind"/> code, e.g. <c>user.role-requested</c>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>A pseudonymous reference such as <c>Account:6f0c…</c>: never a name or other personal data.</summary>
    public string SubjectReference { get; private set; } = "";

    /// <summary>A path in this application (starts with one slash).</summary>
    public string Link { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public static Notification For(Guid recipientId, NotificationKind kind, string subjectReference, string link, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectReference);
        if (subjectReference.Length > SubjectLength)
        {
            throw new ArgumentException($"A subject reference has at most {SubjectLength} characters.", nameof(subjectReference));
        }

        // A local path only: a notice never sends the reader to another site (open redirect, phishing).
        if (string.IsNullOrEmpty(link) || link.Length > LinkLength || link[0] != '/' || link.StartsWith("//", StringComparison.Ordinal) || link.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException("A notification links to a path in this application.", nameof(link));
        }

        return new Notification { Id = Guid.NewGuid(), RecipientId = recipientId, Kind = kind.Code, SubjectReference = subjectReference, Link = link, CreatedAt = now };
    }
}
