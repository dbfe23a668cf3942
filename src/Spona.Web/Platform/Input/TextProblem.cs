namespace Spona.Web.Platform.Input;

/// <summary>Why a text was refused at the boundary (see <see cref="TextRules"/>).</summary>
public enum TextProblem
{
    None,

    /// <summary>NUL, another control character, a lone surrogate or a noncharacter.</summary>
    ForbiddenCharacter,

    /// <summary>A character that silently reorders the text on screen (Trojan Source).</summary>
    DirectionOverride,

    /// <summary>Nothing a person can see: only spaces, zero-width or other invisible characters.</summary>
    Invisible,
}
