using CourseComments.Profiles;

namespace CourseComments.Tests.Profiles;

public class DisplayNameTests
{
    [Theory]
    [InlineData("Ada Lovelace", "Ada Lovelace")]
    [InlineData("  Ada Lovelace \u3000", "Ada Lovelace")]
    [InlineData("Zoë Ångström", "Zoë Ångström")]
    [InlineData("محمد\u200Cرضا", "محمد\u200Cرضا")] // Persian: the zero-width non-joiner belongs to it
    [InlineData("👩\u200D💻 Grace", "👩\u200D💻 Grace")] // an emoji ZWJ sequence
    [InlineData("山田\u3000太郎", "山田\u3000太郎")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>")] // text; the page never parses it
    public void A_printable_name_is_kept_trimmed(string candidate, string expected)
    {
        Assert.Equal(expected, DisplayName.Sanitize(candidate));
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "right-to-left override", "\u202Egnp.exe" },
        { "left-to-right mark", "Ada\u200E" },
        { "isolate", "Ada \u2067evil\u2069" },
        { "Arabic letter mark", "Ada\u061C" },
        { "lone high surrogate", "Ada \uD83D" },
        { "lone low surrogate", "\uDE00 Ada" },
        { "newline", "Ada\nLovelace" },
        { "NUL", "Ada\0" },
        { "C1 control", "Ada\u0085x" },
        { "line separator", "Ada\u2028x" },
        { "byte order mark", "\uFEFFAda" },
        { "private use", "Ada \uE000" },
        { "unassigned", "Ada \u0378" },
        { "only spaces", " \t " },
        { "only joiners", "\u200D\u200C\u200D" },
        { "only combining marks", "\u0301\u0302" },
        { "only Hangul fillers", "\u3164\u3164" },
        { "only a blank braille pattern", "\u2800" },
        { "empty", "" },
        { "10 KB", new string('a', 10 * 1024) },
        { "65 characters", new string('a', 65) },
        { "stacked combining marks", "a" + new string('\u0301', 300) },
    };

    [Theory]
    // Not enumerated at discovery, which would serialise the data and turn lone surrogates into U+FFFD.
    [MemberData(nameof(Hostile), DisableDiscoveryEnumeration = true)]
    public void A_hostile_name_is_refused_and_shows_as_the_fallback(string what, string candidate)
    {
        Assert.True(DisplayName.Sanitize(candidate) is null, what);
        Assert.Equal(DisplayName.Fallback, DisplayName.OrFallback(candidate));
    }

    [Fact]
    public void Length_counts_user_perceived_characters()
    {
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 64)); // 64 characters, 128 UTF-16 code units
        var emoji = string.Concat(Enumerable.Repeat("👩\u200D💻", 64)); // 64 characters, 320 UTF-16 code units

        Assert.Equal(decomposed, DisplayName.Sanitize(decomposed));
        Assert.Null(DisplayName.Sanitize(decomposed + "e"));
        Assert.Equal(64, DisplayName.Sanitize(new string('a', 64))!.Length);
        Assert.Null(DisplayName.Sanitize(emoji)); // within 64 characters, beyond 256 code units
    }
}
