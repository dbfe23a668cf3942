using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Mail;

namespace Spona.Web.Features.Users;

/// <summary>
/// The e-mail that carries an activation or password link, when Spona sends e-mail (Smtp:Host). It holds the link and
/// nothing else about the person: not their name, institution or roles (S6). It is written in the person's language
/// if they chose one, else in the language of the administrator who made the link.
/// </summary>
public sealed class ActivationMail(MailOutbox outbox, TranslationCatalog catalog)
{
    public const string InvitationKind = "account.invitation";
    public const string PasswordLinkKind = "account.password-link";

    /// <summary>True when links go by e-mail and the administrator no longer sees them.</summary>
    public bool Sends => outbox.IsConfigured;

    public void Queue(SponaUser user, string url, bool invitation, string administratorCulture)
    {
        ArgumentNullException.ThrowIfNull(user);
        var culture = SupportedCultures.IsSupported(user.PreferredCulture) ? user.PreferredCulture! : SupportedCultures.IsSupported(administratorCulture) ? administratorCulture : SupportedCultures.English;
        string T(string key) => catalog.Find(key, culture) ?? key;
        var lines = invitation
            ? new[]
            {
                T(Localizable.Text("An account was made for you in Spona, the information system for combating human trafficking in Bosnia and Herzegovina.")),
                T(Localizable.Text("Open this link to set your password; then you set up two-factor sign-in. The link works once, for three days:")),
            }
            : [T(Localizable.Text("A new link to set your Spona password was made for you. Open it to set a new password. The link works once, for three days:"))];
        var body = string.Join("\n\n", [.. lines, url, T(Localizable.Text("If you did not expect this message, do not open the link and tell your institution's Spona administrator."))]) + "\n";
        var subject = invitation ? T(Localizable.Text("Your Spona account")) : T(Localizable.Text("A new link to set your Spona password"));
        outbox.Queue(invitation ? InvitationKind : PasswordLinkKind, user.Email!, subject, body);
    }

    public void WakeSender() => outbox.WakeSender();
}

/// <summary>Where links point (the address the administrator used) and the administrator's language, for the e-mail.</summary>
public sealed record LinkDelivery(string BaseUrl, string AdministratorCulture);

/// <summary>What became of a new activation link: shown to the administrator, or e-mailed to the person.</summary>
public sealed record ActivationLink(string? Url, bool Emailed);
