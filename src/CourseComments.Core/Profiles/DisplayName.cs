using System.Globalization;
using System.Text;

namespace CourseComments.Profiles;

/// <summary>
/// The rules every shown author name meets: trimmed, well-formed UTF-16 (no lone surrogates), printable, visible
/// (at least one letter, digit, punctuation mark or symbol that renders as something), and at most
/// <see cref="MaxTextElements"/> user-perceived characters (text elements, so "é" written as e + accent or a family
/// emoji counts as one) and <see cref="MaxUtf16Length"/> UTF-16 code units (so stacked combining marks cannot
/// inflate it). A candidate breaking any rule is refused as a whole, never trimmed into something else, and the
/// author is shown as <see cref="Fallback"/>.
/// </summary>
public static class DisplayName
{
    /// <summary>Shown for an author with no usable name: neutral and the same for everyone, so it identifies no
    /// one.</summary>
    public const string Fallback = "Anonymous learner";

    public const int MaxTextElements = 64;

    public const int MaxUtf16Length = 256;

    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;

    // Letters that render as nothing, a favourite for "blank" names: the Hangul fillers and the blank braille pattern.
    private static readonly int[] BlankLetters = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800];

    /// <returns>The name trimmed, or null when it breaks a rule. It is not normalized (NFC): the app runs with
    /// invariant globalization, which carries no normalization data.</returns>
    public static string? Sanitize(string? candidate)
    {
        // Refused before trimming, however much of it is padding: a 10 KB claim is not a name, and stays cheap.
        if (candidate is null || candidate.Length > 4 * MaxUtf16Length)
        {
            return null;
        }

        var trimmed = candidate.Trim();
        if (trimmed.Length == 0 || !IsPrintable(trimmed) || !HasVisibleCharacter(trimmed))
        {
            return null;
        }

        return trimmed.Length <= MaxUtf16Length && new StringInfo(trimmed).LengthInTextElements <= MaxTextElements
            ? trimmed
            : null;
    }

    /// <summary>The stored or looked-up name when it still meets the rules, else <see cref="Fallback"/>.</summary>
    public static string OrFallback(string? candidate) => Sanitize(candidate) ?? Fallback;

    /// <summary>Every scalar is assigned and visible: no controls (C0, C1), no line or paragraph separators, no
    /// private-use or unassigned code points, and no format characters, which include the bidirectional controls
    /// (U+200E/F, U+202A-E, U+2066-9, U+061C) that could reorder the text around a name. Zero-width (non-)joiners
    /// stay: Persian and Indic names and emoji sequences need them.</summary>
    private static bool IsPrintable(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            var allowed = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator => false,
                UnicodeCategory.Format => rune.Value is ZeroWidthNonJoiner or ZeroWidthJoiner,
                _ => true,
            };
            if (!allowed)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    /// <summary>Not only spaces, joiners and combining marks: something a reader can see. Runs after
    /// <see cref="IsPrintable"/>, so the text is well-formed.</summary>
    private static bool HasVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var visible = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.SpaceSeparator or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark => false,
                _ => !BlankLetters.Contains(rune.Value),
            };
            if (visible)
            {
                return true;
            }
        }

        return false;
    }
}
