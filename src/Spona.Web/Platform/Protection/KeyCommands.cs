using System.CommandLine;
using System.Globalization;
using Spona.Web.Platform.Cli;

namespace Spona.Web.Platform.Protection;

/// <summary><c>spona keys status</c> and <c>spona keys rotate</c> (docs/security-keys.md).</summary>
internal static class KeyCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var status = new Command("status", "Show the keys and how many stored values use each.");
        status.SetAction((_, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<Persistence.DatabaseMigrator>().MigrateAsync(ct);
            var keys = services.GetRequiredService<KeyRing>();
            var usage = await services.GetRequiredService<KeyRotation>().UsageAsync(ct);
            await output.WriteLineAsync($"Key ring: {keys.FilePath ?? $"from {KeyRing.MaterialKey} / {KeyRing.EnvironmentVariable}"}");
            foreach (var key in keys.DataKeys.OrderBy(k => k.Created))
            {
                var count = usage.Where(u => u.KeyId == key.Id).Sum(u => u.Count);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  data key {key.Id}  {key.Status.ToString().ToLowerInvariant(),-7}  created {key.Created:yyyy-MM-dd HH:mm}Z  values {count}"));
            }

            await output.WriteLineAsync($"  blind-index key {keys.BlindIndexKeyId}");
            var unknown = usage.Where(u => u.KeyId is not null && keys.Find(u.KeyId) is null).ToList();
            foreach (var u in unknown)
            {
                await output.WriteLineAsync($"  MISSING key {u.KeyId}: {u.Count} value(s) in {u.Binding} cannot be decrypted");
            }

            var plain = usage.Where(u => u.KeyId is null).Sum(u => u.Count);
            if (plain > 0)
            {
                await output.WriteLineAsync($"  not yet encrypted: {plain} value(s); run 'spona keys rotate'");
            }

            foreach (var group in usage.GroupBy(u => u.Binding))
            {
                await output.WriteLineAsync($"  {group.Key}: {string.Join(", ", group.Select(u => $"{u.KeyId ?? "plaintext"}={u.Count}"))}");
            }

            return unknown.Count == 0 ? 0 : 1;
        }));

        var batchSize = new Option<int>("--batch-size") { Description = "Rows per transaction.", DefaultValueFactory = _ => 500 };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Stop after this many batches (run again to continue)." };
        var rotate = new Command("rotate", "Create a new active key (the old one is retired but still decrypts) and re-encrypt every encrypted column. Re-running continues an unfinished rotation.") { batchSize, maxBatches };
        rotate.SetAction((parse, ct) => SponaCli.WithServices(output, error, async services =>
        {
            var size = parse.GetValue(batchSize);
            if (size < 1)
            {
                await error.WriteLineAsync("--batch-size must be at least 1.");
                return 2;
            }

            await services.GetRequiredService<Persistence.DatabaseMigrator>().MigrateAsync(ct);
            var keys = services.GetRequiredService<KeyRing>();
            var rotation = services.GetRequiredService<KeyRotation>();
            var active = keys.ActiveKey;
            var pending = (await rotation.UsageAsync(ct)).Where(u => u.KeyId != active.Id).Sum(u => u.Count);
            if (pending > 0)
            {
                await output.WriteLineAsync($"Continuing: {pending} value(s) are not on the active key {active.Id} yet.");
            }
            else
            {
                if (keys.FilePath is null)
                {
                    await error.WriteLineAsync($"The keys come from '{KeyRing.MaterialKey}' ({KeyRing.EnvironmentVariable}); rotation needs a key folder ('{KeyRing.DirectoryKey}').");
                    return 1;
                }

                var key = keys.Rotate();
                await output.WriteLineAsync($"New active key {key.Id}; key {active.Id} retired (kept for decryption).");
            }

            var remaining = await rotation.ReEncryptAsync(size, parse.GetValue(maxBatches), p => output.WriteLineAsync(Bar(p)), ct);
            await output.WriteLineAsync(remaining == 0
                ? $"Done: every encrypted value uses key {keys.ActiveKey.Id}."
                : $"Stopped with {remaining} value(s) left; run 'spona keys rotate' again to continue.");
            return 0;
        }));

        return new Command("keys", "Manage the keys that encrypt personal data.") { status, rotate };
    }

    private static string Bar(RotationProgress progress)
    {
        const int width = 20;
        var filled = progress.Total == 0 ? width : (int)(width * progress.Done / progress.Total);
        return string.Create(CultureInfo.InvariantCulture, $"{progress.Binding} [{new string('#', filled)}{new string('.', width - filled)}] {progress.Done}/{progress.Total}");
    }
}
