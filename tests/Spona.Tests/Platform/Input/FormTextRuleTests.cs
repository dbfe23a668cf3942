using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Input;

/// <summary>
/// The text rule (ADR 0015) through the real forms a person fills in, on both databases: every text field of every
/// form that writes gets a NUL (which a PostgreSQL text column refuses with an error if it gets that far), a direction
/// override or nothing visible. The form comes back with the message beside the field, and nothing is written.
/// </summary>
public sealed class FormTextRuleTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static readonly TheoryData<string, string, string> WritingForms = new()
    {
        { Roles.SystemAdministrator, "/admin/users/invite", "main form" },
        { Roles.SystemAdministrator, "/reference/jurisdictions/new", "main form.narrow" },
        { Roles.SystemAdministrator, "/reference/jurisdictions/BA-09/edit", "main form.narrow" },
        { Roles.SystemAdministrator, "/reference/institutions/new", "main form.narrow" },
        { Roles.SystemAdministrator, "/reference/institutions/MSB/edit", "main form.narrow" },
        { Roles.SystemAdministrator, "/reference/code-lists/sexes/items/new", "main form.narrow" },
        { Roles.SystemAdministrator, "/strategy/measures/4.2", "form[action*='handler=Amend']" },
        { Roles.SystemAdministrator, "/account/tokens", "main form.narrow" },
        { Roles.StateCoordinatorOffice, "/access/break-glass/open", "main form" },
    };

    [Theory]
    [MemberData(nameof(WritingForms))]
    public async Task EveryTextField_WithForbiddenCharacters_ShowsTheFormAgainAndWritesNothing(string role, string url, string formSelector)
    {
        var client = await app.SignedInClientAsync(role);
        foreach (var (bad, message) in new[]
        {
            ("Razlog\u202e koji se čita naopako, dovoljno dug", "change the direction of the text"),
            (string.Concat(Enumerable.Repeat("\u200b\u3000", 15)), "only invisible characters"),
            ("Ime\0Prezime i razlog dovoljno dug za obrazac", "contains control or invalid characters"),
        })
        {
            var page = await Html.GetAsync(client, url);
            var form = page.QuerySelector(formSelector) as IHtmlFormElement;
            Assert.True(form is not null, $"{url}: no form '{formSelector}'");
            var fields = form!.QuerySelectorAll("input, textarea")
                .Where(e => e.GetAttribute("type") is null or "text" or "email" or "search" or "tel" or "url" || e is IHtmlTextAreaElement)
                .Select(e => e.GetAttribute("name"))
                .OfType<string>()
                .Where(n => n != "__RequestVerificationToken")
                .ToList();
            Assert.True(fields.Count > 0, $"{url}: the form has no text field");

            var values = fields.ToDictionary(n => n, _ => bad);
            // Choices stay as the form offers them, so that only the text is wrong.
            foreach (var select in form.QuerySelectorAll("select").OfType<IHtmlSelectElement>())
            {
                var option = select.Options.FirstOrDefault(o => o.IsSelected && o.Value.Length > 0) ?? select.Options.FirstOrDefault(o => o.Value.Length > 0);
                if (select.Name is { } name && option is not null)
                {
                    values[name] = option.Value;
                }
            }

            var before = await CountWritesAsync();
            var response = await Html.SubmitAsync(client, page, formSelector, values);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} with {Escape(bad)}: {(int)response.StatusCode} {response.Headers.Location} {(await Html.ParseAsync(response)).QuerySelector("main")?.TextContent} {string.Join("\n", app.Factory.Logs.Lines.TakeLast(5))}");
            var shown = await Html.ParseAsync(response);
            var errors = shown.QuerySelectorAll(".field-error, .error-summary li, .field-validation-error").Select(e => e.TextContent).ToList();
            Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"{url} with {Escape(bad)}: no message '{message}' among [{string.Join(" | ", errors)}]");
            Assert.Equal(before, await CountWritesAsync());
        }
    }

    private static string Escape(string value) => string.Concat(value.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>Rows that a successful submission of any of these forms adds (the audit trail records each change).</summary>
    private async Task<int> CountWritesAsync()
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<AuditEntry>().CountAsync(e => e.Action != AuditActions.RecordRead);
    }
}
