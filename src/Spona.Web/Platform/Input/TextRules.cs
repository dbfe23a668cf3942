using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Spona.Web.Platform.Input;

/// <summary>
/// The one rule for text that enters Spona from a form, query, route or JSON body (ADR 0015). It refuses what no
/// person types on purpose and what breaks storage or display: NUL (PostgreSQL text refuses it), C0/C1 control
/// characters, lone surrogates, noncharacters, bidirectional overrides and isolates (text that reads differently from
/// what it is), and values made only of invisible characters. Letters of every script, combining marks, emoji and
/// joiners inside visible text pass.
/// </summary>
public static class TextRules
{
    public static TextProblem Check(string? value, TextKind kind = TextKind.SingleLine)
    {
        if (string.IsNullOrEmpty(value))
        {
            return TextProblem.None;
        }

        var visible = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return TextProblem.ForbiddenCharacter;
                }

                var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                i++;
                if ((codePoint & 0xFFFE) == 0xFFFE)
                {
                    return TextProblem.ForbiddenCharacter;
                }

                // Outside the basic plane too, a value of tag characters or variation selectors alone is invisible.
                if (!visible && CharUnicodeInfo.GetUnicodeCategory(codePoint) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark))
                {
                    visible = true;
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                return TextProblem.ForbiddenCharacter;
            }

            if (c < ' ' || c is >= '\u007f' and <= '\u009f')
            {
                if (kind == TextKind.MultiLine && c is '\t' or '\r' or '\n')
                {
                    continue;
                }

                return TextProblem.ForbiddenCharacter;
            }

            if (c is >= '\ufdd0' and <= '\ufdef' or '\ufffe' or '\uffff')
            {
                return TextProblem.ForbiddenCharacter;
            }

            if (kind == TextKind.Password)
            {
                continue;
            }

            if (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c')
            {
                return TextProblem.DirectionOverride;
            }

            if (!visible && !IsInvisible(c))
            {
                visible = true;
            }
        }

        return visible || kind == TextKind.Password ? TextProblem.None : TextProblem.Invisible;
    }

    /// <summary>The kind a property declares: <c>[DataType(Password)]</c>, <c>[DataType(MultilineText)]</c>, else one line.</summary>
    public static TextKind KindOf(IEnumerable<object> attributes)
    {
        foreach (var attribute in attributes.OfType<DataTypeAttribute>())
        {
            if (attribute.DataType == DataType.Password)
            {
                return TextKind.Password;
            }

            if (attribute.DataType == DataType.MultilineText)
            {
                return TextKind.MultiLine;
            }
        }

        return TextKind.SingleLine;
    }

    public static TextKind KindOf(ICustomAttributeProvider member) => KindOf(member.GetCustomAttributes(inherit: true));

    /// <summary>The English catalogue key of the message for a problem; <c>{0}</c> is the field's name.</summary>
    public static string MessageKey(TextProblem problem) => problem switch
    {
        TextProblem.DirectionOverride => "{0} contains characters that change the direction of the text. Remove them.",
        TextProblem.Invisible => "{0} contains only invisible characters. Enter visible text.",
        _ => "{0} contains control or invalid characters. Remove them.",
    };

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c)
        || c is '\u200b' or '\u200c' or '\u200d' or '\u2060' or '\ufeff' or '\u00ad' or '\u034f' or '\u180e' or '\u115f' or '\u1160' or '\u3164' or '\uffa0' or '\u2800'
        || c is >= '\u2061' and <= '\u2064'
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;
}
