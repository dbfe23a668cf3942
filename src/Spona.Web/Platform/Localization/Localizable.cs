namespace Spona.Web.Platform.Localization;

/// <summary>
/// Marks a message that code returns for a page to translate later: <c>Localizable("…")</c> is the text itself, and
/// the translation test finds every such text and requires its translations.
/// </summary>
public static class Localizable
{
    public static string Text(string englishKey) => englishKey;
}
