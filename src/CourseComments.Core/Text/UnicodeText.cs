using System.Buffers;
using System.Globalization;
using System.Text;

namespace CourseComments.Text;

/// <summary>
/// Unicode checks for text people will see: well-formedness, what counts as blank, and what an author id may hold.
/// The browser client (Client/Assets/checks.js) applies the same rules before it publishes.
/// </summary>
public static class UnicodeText
{
    /// <summary>True when <paramref name="text"/> is well-formed UTF-16: every surrogate is half of a high-low
    /// pair.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return true;
        }

        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    /// <summary>
    /// True when nothing in <paramref name="text"/> would show: it holds only white space, control and format
    /// characters, default-ignorable code points (Unicode's DerivedCoreProperties.txt: Hangul fillers, variation
    /// selectors, ...) and the blank braille pattern U+2800.
    /// </summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="IsBlank(ReadOnlySpan{char})"/> for well-formed UTF-8.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        while (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) == OperationStatus.Done)
        {
            if (!IsInvisible(rune))
            {
                return false;
            }

            utf8 = utf8[consumed..];
        }

        return true;
    }

    /// <summary>Well-formed UTF-8 without the white space (<see cref="Rune.IsWhiteSpace"/>) at either end: what
    /// <see cref="string.Trim()"/> leaves of the same text.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> utf8)
    {
        while (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) == OperationStatus.Done
               && Rune.IsWhiteSpace(rune))
        {
            utf8 = utf8[consumed..];
        }

        while (Rune.DecodeLastFromUtf8(utf8, out var rune, out var consumed) == OperationStatus.Done
               && Rune.IsWhiteSpace(rune))
        {
            utf8 = utf8[..^consumed];
        }

        return utf8;
    }

    /// <summary>
    /// True when <paramref name="id"/> is printable text a person can read as an author: well-formed, not blank, no
    /// leading or trailing space, and no control, format (bidirectional controls included), line or paragraph
    /// separator, surrogate or unassigned character; U+0020 is the only space allowed.
    /// </summary>
    public static bool IsPrintableId(string id)
    {
        if (!IsWellFormed(id) || IsBlank(id) || id.AsSpan().Trim().Length != id.Length)
        {
            return false;
        }

        foreach (var rune in id.EnumerateRunes())
        {
            if (IsInvisible(rune) && rune.Value != ' ')
            {
                return false;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator
        || IsDefaultIgnorable(rune.Value)
        || rune.Value == 0x2800;

    // Default_Ignorable_Code_Point ranges that are not format characters (those are caught by their category).
    private static bool IsDefaultIgnorable(int c) =>
        c is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFFA0
            or (>= 0x180B and <= 0x180F) or (>= 0x2060 and <= 0x206F) or (>= 0xFE00 and <= 0xFE0F)
            or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1BCA0 and <= 0x1BCA3) or (>= 0xE0000 and <= 0xE0FFF);
}
