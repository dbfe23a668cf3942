using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;

namespace Spona.Tests.Platform;

public sealed partial class LocalizationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string SourceRoot = SourceTree.WebProject;

    private static readonly (string Files, Regex Pattern)[] UsePatterns =
    [
        (".cshtml", LocalizerInView()),
        (".cs", LocalizerInCode()),
        (".cs", ErrorMessage()),
        (".cs", DisplayName()),
        (".cs", RuleViolation()),
        (".cs", InvalidOutcome()),
        (".cs", LocalizableText()),
        (".cs", ProblemText()),
        (".cs", ProblemProperty()),
        (".cs", ErrorList()),
    ];

    /// <summary>The platform's catalogue and every module's (<c>Features/{Module}/strings.json</c>).</summary>
    private static IEnumerable<string> CatalogueFiles() =>
        Directory.EnumerateFiles(Path.Combine(SourceRoot, "Features"), "strings.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Prepend(Path.Combine(SourceRoot, "Resources", "strings.json"));

    private static IEnumerable<string> UsedKeys(string? folder = null)
    {
        foreach (var file in Directory.EnumerateFiles(folder ?? SourceRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (var (extension, pattern) in UsePatterns.Where(p => file.EndsWith(p.Files, StringComparison.Ordinal)))
            {
                foreach (Match match in pattern.Matches(text))
                {
                    yield return match.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                }
            }

            if (file.EndsWith("Labels.cs", StringComparison.Ordinal) || file.EndsWith("IdentityMessages.cs", StringComparison.Ordinal) || file.EndsWith("ModelBindingMessages.cs", StringComparison.Ordinal) || file.EndsWith("ValidationMessages.cs", StringComparison.Ordinal))
            {
                foreach (Match match in ArrowString().Matches(text))
                {
                    yield return match.Groups[1].Value;
                }
            }
        }
    }

    [Fact]
    public void EveryUsedString_HasAllFiveTranslations()
    {
        var catalog = TranslationCatalog.LoadEmbedded();
        var used = UsedKeys().Distinct().ToList();

        Assert.True(used.Count > 150, $"only {used.Count} strings found: the scan is broken");
        var missing = used.Where(key => SupportedCultures.Names.Any(culture => catalog.Find(key, culture) is null)).ToList();
        Assert.True(missing.Count == 0, "Missing translations (run tools/i18n/missing.py): " + string.Join(" | ", missing));
    }

    [Fact]
    public void EveryTranslation_KeepsThePlaceholdersOfItsKey()
    {
        var catalog = TranslationCatalog.LoadEmbedded();
        var wrong = new List<string>();
        foreach (var key in catalog.Keys)
        {
            var expected = Placeholder().Matches(key).Select(m => m.Value).Order().ToList();
            foreach (var culture in SupportedCultures.Names)
            {
                var actual = Placeholder().Matches(catalog.Find(key, culture) ?? "").Select(m => m.Value).Order().ToList();
                if (!expected.SequenceEqual(actual))
                {
                    wrong.Add($"{culture}: {key}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("Strategija", "Стратегија")]
    [InlineData("Ljubinje, Njemačka, Džep, đak, šljiva, Žepče", "Љубиње, Њемачка, Џеп, ђак, шљива, Жепче")]
    [InlineData("Ljubav i Njiva", "Љубав и Њива")]
    [InlineData("Mjera {0} od {1}", "Мјера {0} од {1}")]
    [InlineData("API i HTCDS ostaju", "API и HTCDS остају")]
    public void Transliteration_SerbianLatinToCyrillic(string latin, string cyrillic)
    {
        Assert.Equal(cyrillic, SerbianTransliteration.ToCyrillic(latin));
    }

    [Fact]
    public async Task SwitchLanguage_ChangesTheInterfaceAndIsRememberedForTheUser()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        var home = await Html.GetAsync(client, "/");

        var switched = await Html.SubmitAsync(client, home, "form[action='/culture']", new Dictionary<string, string> { ["culture"] = "sr-Cyrl" });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var strategy = await Html.GetAsync(client, "/strategy");
        Assert.Equal("sr-Cyrl", strategy.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Стратегија", strategy.Text(".site-nav a[href='/strategy']"));

        var elsewhere = app.Factory.CreateBrowser();
        await Html.SignInAsync(elsewhere, email, AppFixture.Password);
        var again = await Html.GetAsync(elsewhere, "/");
        Assert.Equal("sr-Cyrl", again.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("bs", "Strategija")]
    [InlineData("hr", "Strategija")]
    [InlineData("sr-Latn", "Strategija")]
    [InlineData("en", "Strategy")]
    public async Task SignInPage_FollowsTheBrowserLanguage(string culture, string navigationWord)
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var page = await Html.GetAsync(client, "/");

        Assert.Equal(culture, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(navigationWord, page.Text(".site-nav a[href='/strategy']"));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("../../etc")]
    public async Task SwitchLanguage_UnknownCulture_Is400AndChangesNothing(string culture)
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);
        var home = await Html.GetAsync(client, "/");

        var response = await Html.SubmitAsync(client, home, "form[action='/culture']", new Dictionary<string, string> { ["culture"] = culture });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("en", (await Html.GetAsync(client, "/")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task SwitchLanguage_ExternalReturnUrl_StaysOnSite()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);
        var home = await Html.GetAsync(client, "/");

        var response = await Html.SubmitAsync(client, home, "form[action='/culture']", new Dictionary<string, string> { ["culture"] = "hr", ["returnUrl"] = "//evil.example/" });

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Catalogues_AreValidJsonWithOnlyKnownLanguages_AndEachStringIsInOneFile()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = CatalogueFiles().ToList();
        Assert.True(files.Count > 5, "module catalogues: " + string.Join(", ", files));
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                Assert.All(entry.Value.EnumerateObject(), language => Assert.Contains(language.Name, new[] { "bs", "hr", "sr-Latn", "sr-Cyrl" }));
                Assert.True(seen.TryAdd(entry.Name, file), $"\"{entry.Name}\" is in {seen.GetValueOrDefault(entry.Name)} and {file}");
            }
        }

        // What the application loads is exactly the files in the source tree.
        Assert.Equal(seen.Keys.Order(StringComparer.Ordinal), TranslationCatalog.LoadEmbedded().Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A module's strings live in its own folder and are its own: a string in <c>Features/{Module}/strings.json</c> is
    /// used by that module (a string that several modules or the platform use belongs in Resources/strings.json).
    /// </summary>
    [Fact]
    public void AModulesCatalogue_HoldsOnlyStringsThatModuleUses()
    {
        var strays = new List<string>();
        foreach (var file in CatalogueFiles().Skip(1))
        {
            var module = Path.GetDirectoryName(file)!;
            var used = UsedKeys(module).ToHashSet(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            strays.AddRange(document.RootElement.EnumerateObject().Where(e => !used.Contains(e.Name)).Select(e => $"{Path.GetFileName(module)}: {e.Name}"));
        }

        Assert.True(strays.Count == 0, "move these to the module that uses them or to Resources/strings.json (tools/i18n/missing.py --split): " + string.Join(" | ", strays));
    }

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerInView();

    [GeneratedRegex(@"\blocalizer\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerInCode();

    [GeneratedRegex(@"ErrorMessage = ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"Display\(Name = ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"new DomainRuleViolation\(""[^""]*"", ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex RuleViolation();

    [GeneratedRegex(@"EditOutcome\.Invalid\([^,]+, ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex InvalidOutcome();

    [GeneratedRegex(@"Localizable\.Text\(""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizableText();

    // API errors are translated when written (ProblemDetailsLanguage): Results.Problem(title: "…", detail: "…"),
    // ProblemDetails.Title = "…" and field errors ["field"] = ["…"].
    [GeneratedRegex(@"\b(?:title|detail): ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ProblemText();

    [GeneratedRegex(@"(?:ProblemDetails\.|, )(?:Title|Detail) = ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ProblemProperty();

    [GeneratedRegex(@"\] = \[""((?:[^""\\]|\\.)*)""\]")]
    private static partial Regex ErrorList();

    [GeneratedRegex(@"=> ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ArrowString();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
