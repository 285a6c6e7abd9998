using CourseComments.Identity;
using CourseComments.Profiles;

namespace CourseComments.Tests.Profiles;

public class DisplayNameTests
{
    [Theory]
    [InlineData("Ada Lovelace", "Ada Lovelace")]
    [InlineData("  Ada Lovelace \u3000", "Ada Lovelace")]
    [InlineData("Zoë Ångström", "Zoë Ångström")]
    [InlineData("محمد\u200Cرضا", "محمد\u200Cرضا")] // Persian: the zero-width non-joiner is part of the name
    [InlineData("👩\u200D💻 Grace", "👩\u200D💻 Grace")] // an emoji ZWJ sequence
    [InlineData("山田\u3000太郎", "山田\u3000太郎")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>")] // markup is text; the page never parses it
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
        { "empty", "" },
        { "10 KB", new string('a', 10 * 1024) },
        { "65 characters", new string('a', 65) },
        { "stacked combining marks", "a" + new string('\u0301', 300) },
    };

    [Theory]
    [MemberData(nameof(Hostile), DisableDiscoveryEnumeration = true)] // as written: discovery would turn lone surrogates into U+FFFD
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

    [Fact]
    public void The_name_claim_comes_first()
    {
        var principal = Principal(("preferred_username", "ada.l"), ("name", "Ada Lovelace"));

        Assert.Equal("Ada Lovelace", PrincipalDisplayName.From(principal));
    }

    [Fact]
    public void Without_a_name_claim_the_documented_order_is_followed()
    {
        Assert.Equal("Ada L", PrincipalDisplayName.From(Principal(
            ("nickname", "ada"), ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "Ada L"))));
        Assert.Equal("ada.l", PrincipalDisplayName.From(Principal(("nickname", "ada"), ("preferred_username", "ada.l"))));
        Assert.Equal("ada", PrincipalDisplayName.From(Principal(("nickname", "ada"))));
    }

    [Fact]
    public void E_mail_addresses_object_ids_and_the_user_id_are_never_taken_as_names()
    {
        var principal = Principal(
            ("name", "ada@contoso.com"),
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"),
            ("preferred_username", "user-7"),
            ("nickname", "\u202Eada"));

        Assert.Null(PrincipalDisplayName.From(principal));
    }

    [Fact]
    public void A_principal_with_identity_claims_only_has_no_name()
    {
        var principal = Principal(
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "ada@contoso.com"),
            (ClientPrincipal.ObjectIdentifierClaim, "6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"));

        Assert.Null(PrincipalDisplayName.From(principal));
    }

    [Theory]
    [InlineData("alice", "profile:alice")]
    [InlineData("aad:6f1c", "profile:aad:6f1c")]
    [InlineData("aad#AbC-_9", "profile:aad#AbC-_9")]
    public void A_token_id_our_issuer_makes_is_its_own_profile_key(string tokenId, string key)
    {
        Assert.Equal(key, ProfileStore.KeyFor(tokenId));
    }

    [Fact]
    public void Any_other_token_id_maps_to_its_own_short_hashed_key()
    {
        string[] ids = ["ädä", "a b", "\uD800", "\uDC00", new string('a', 65), "profile#x"];

        var keys = ids.Select(ProfileStore.KeyFor).ToArray();

        Assert.Equal(ids.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys.Take(5), key => Assert.Matches("^profile#[A-Za-z0-9_-]{43}$", key));
    }

    private static ClientPrincipal Principal(params (string Type, string Value)[] claims) =>
        new("aad", [new(ClientPrincipal.NameIdentifierClaim, "user-7"), .. claims.Select(c => new ClientPrincipalClaim(c.Type, c.Value))]);
}
