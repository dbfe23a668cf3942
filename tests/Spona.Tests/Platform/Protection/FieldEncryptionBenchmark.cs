using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Spona.Web.Platform.Protection;
using Xunit.Abstractions;

namespace Spona.Tests.Platform.Protection;

/// <summary>Cost of one encrypt + decrypt of a typical 40-character value (bench/field-encryption.sh prints it).</summary>
public sealed class FieldEncryptionBenchmark(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Benchmark")]
    public void EncryptDecrypt_FortyCharacters_CostsMicrosecondsNotMilliseconds()
    {
        var protector = new FieldProtector(KeyRing.CreateEphemeral(new FakeTimeProvider()));
        const string value = "Ana Anić, Zmaja od Bosne 8, 71000 Sarajev";
        const int iterations = 200_000;
        for (var i = 0; i < 10_000; i++)
        {
            protector.Decrypt("T.C", protector.Encrypt("T.C", value));
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            protector.Decrypt("T.C", protector.Encrypt("T.C", value));
        }

        watch.Stop();
        var nsPerOp = watch.Elapsed.TotalNanoseconds / iterations;
        var index = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            protector.BlindIndex("T.C", value);
        }

        index.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"encrypt+decrypt of {value.Length} chars: {nsPerOp:F0} ns/op; blind index: {index.Elapsed.TotalNanoseconds / iterations:F0} ns/op ({iterations} iterations)"));
        Assert.True(nsPerOp < 100_000, $"{nsPerOp} ns/op");
    }
}
