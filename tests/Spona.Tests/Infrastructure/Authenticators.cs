using System.Collections.Concurrent;
using OtpNet;

namespace Spona.Tests.Infrastructure;

/// <summary>
/// The tests' authenticator app: the TOTP key of each test account (by e-mail address) and the last time step used,
/// so that a second sign-in within the same 30 seconds uses the next step instead of replaying a code, as the server
/// rightly refuses.
/// </summary>
public static class Authenticators
{
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, long> LastStep = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock Gate = new();

    public static void Register(string email, string base32Key) => Keys[email] = base32Key;

    public static bool TryGetKey(string email, out string key) => Keys.TryGetValue(email, out key!);

    public static string CodeAt(string base32Key, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(base32Key), step: 30, totpSize: 6).ComputeTotp(at.UtcDateTime);

    /// <summary>A code the server has not seen yet for this account (waits for the next step if both are used).</summary>
    public static async Task<string> NextCodeAsync(string email, DateTimeOffset? now = null)
    {
        var key = Keys.TryGetValue(email, out var k) ? k : throw new InvalidOperationException($"No authenticator registered for {email}.");
        while (true)
        {
            var at = now ?? TimeProvider.System.GetUtcNow();
            var step = at.ToUnixTimeSeconds() / 30;
            lock (Gate)
            {
                var use = Math.Max(step, LastStep.GetValueOrDefault(email, long.MinValue) + 1);
                if (use <= step + 1)
                {
                    LastStep[email] = use;
                    return CodeAt(key, DateTimeOffset.FromUnixTimeSeconds(use * 30));
                }
            }

            if (now is not null)
            {
                throw new InvalidOperationException("Both acceptable TOTP steps were used at this fake time; advance the clock.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
