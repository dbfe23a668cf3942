using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// Rejects passwords found in a local list of the 30,000 most common leaked passwords (NIST SP 800-63B 5.1.1.2), also
/// when only digits or symbols were added around one of them or its letters were repeated, and passwords made of the
/// account's own e-mail address or name. The list is embedded: no network is needed.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<SponaUser>
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<SponaUser> manager, SponaUser user, string? password) =>
        Task.FromResult(IsWeak(password ?? "", user) ? IdentityResult.Failed(new IdentityError
        {
            Code = "PasswordTooCommon",
            Description = "This password is too common or too easy to guess. Choose a longer phrase of unrelated words.",
        }) : IdentityResult.Success);

    internal static bool IsWeak(string password, SponaUser? user = null)
    {
        var lowered = password.Trim().ToLowerInvariant();
        if (lowered.Length == 0 || lowered.Distinct().Count() <= 2)
        {
            return true;
        }

        var core = lowered.Trim("0123456789!@#$%^&*()_-+=.,;:?/\\|~`'\" ".ToCharArray());
        if (List.Value.Contains(lowered) || (core.Length >= 4 && List.Value.Contains(core)) || IsRepetition(lowered))
        {
            return true;
        }

        var local = user?.Email?.Split('@')[0].ToLowerInvariant();
        return (!string.IsNullOrEmpty(local) && local.Length >= 4 && lowered.Contains(local, StringComparison.Ordinal))
            || (user?.DisplayName is { Length: >= 4 } name && lowered.Replace(" ", "", StringComparison.Ordinal).Contains(name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), StringComparison.Ordinal));
    }

    /// <summary>"passwordpassword", "abcabcabcabc": one short common unit repeated.</summary>
    private static bool IsRepetition(string value)
    {
        for (var unit = 1; unit <= value.Length / 2; unit++)
        {
            if (value.Length % unit == 0 && string.Concat(Enumerable.Repeat(value[..unit], value.Length / unit)) == value)
            {
                return unit <= 4 || List.Value.Contains(value[..unit]);
            }
        }

        return false;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Spona.Web.Platform.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
