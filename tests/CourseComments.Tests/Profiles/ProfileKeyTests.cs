using CourseComments.Profiles;

namespace CourseComments.Tests.Profiles;

public class ProfileKeyTests
{
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
}
