using System.Text.RegularExpressions;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>
/// One filter turns a broken domain rule into what the person sees (ADR 0028). The pages and use cases of the modules
/// let <see cref="Spona.Web.Platform.Errors.DomainRuleViolation"/> through; the page tests of each module show the
/// result (for example <c>AmendmentAdoptionTests.AdoptForm_DatedBeforeTheProposal_…</c>).
/// </summary>
public sealed partial class DomainRuleFilterTests
{
    [Fact]
    public void NoModule_CatchesADomainRuleViolation_ItselfOrTurnsItIntoSomethingElse()
    {
        var features = Path.Combine(SourceTree.WebProject, "Features");
        var files = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories).ToList();
        var catching = files.Where(file => CatchesRule().IsMatch(File.ReadAllText(file))).Select(file => Path.GetRelativePath(features, file)).ToList();

        Assert.True(files.Count > 50, $"only {files.Count} files examined");
        Assert.True(catching.Count == 0, "Catches a DomainRuleViolation (let the rule filter show it): " + string.Join(", ", catching));
    }

    [Fact]
    public void ThePattern_FindsACatch_InEveryFormItIsWritten()
    {
        Assert.Matches(CatchesRule(), "catch (DomainRuleViolation violation)");
        Assert.Matches(CatchesRule(), "catch (Platform.Errors.DomainRuleViolation rule)");
        Assert.Matches(CatchesRule(), "catch (Spona.Web.Platform.Errors.DomainRuleViolation)");
        Assert.Matches(CatchesRule(), "catch (Exception ex) when (ex is DomainRuleViolation)");
        Assert.DoesNotMatch(CatchesRule(), "throw new DomainRuleViolation(\"x\", \"y\");");
    }

    [GeneratedRegex(@"catch\s*\(\s*(?:[\w.]*\.)?DomainRuleViolation\b|when\s*\([^)]*\bis\s+(?:[\w.]*\.)?DomainRuleViolation\b")]
    private static partial Regex CatchesRule();
}
