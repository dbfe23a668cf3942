using Microsoft.AspNetCore.Identity;

namespace Spona.Web.Platform.Identity;

/// <summary>Identity's errors as keys of the translation catalogue (Identity's own texts are English only).</summary>
internal static class IdentityMessages
{
    public static string For(IdentityError error) => error.Code switch
    {
        "DuplicateEmail" or "DuplicateUserName" => "An account with this e-mail address already exists.",
        "PasswordTooShort" => "The password must have at least 12 characters.",
        "InvalidEmail" or "InvalidUserName" => "Enter a valid e-mail address.",
        "SetupLinkInvalid" => "This setup link is not valid any more.",
        "UnknownInstitution" => "The institution does not exist.",
        "PasswordTooCommon" => "This password is too common or too easy to guess. Choose a longer phrase of unrelated words.",
        "PasswordMismatch" => "The current password is not correct.",
        "InvalidToken" => "This link is not valid any more. Ask your administrator for a new one.",
        _ => "The account could not be created.",
    };
}
