namespace Spona.Web.Platform.Input;

/// <summary>What a bound text is, which decides what the boundary lets through.</summary>
public enum TextKind
{
    /// <summary>A name, a code, a search: one line.</summary>
    SingleLine,

    /// <summary>Free text typed in a text area: tab, CR and LF are allowed.</summary>
    MultiLine,

    /// <summary>A secret: any visible or invisible character may be part of it, but no control character.</summary>
    Password,
}
