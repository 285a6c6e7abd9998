using System.Security.Cryptography;
using System.Text;
using CourseComments.Identity;

namespace CourseComments.Tests.Tokens;

/// <summary>The documented rule that turns an Easy Auth user into a tokenId of at most 64 characters.</summary>
public class UserTokenIdTests
{
    [Fact]
    public void A_short_safe_id_is_provider_colon_id()
    {
        Assert.Equal("aad:0b7c2c4e-1f2a-4c55-9d1e-3f5a2b9c8d7e",
            UserTokenId.FromProvider("aad", "0b7c2c4e-1f2a-4c55-9d1e-3f5a2b9c8d7e"));
    }

    [Fact]
    public void An_id_of_exactly_64_characters_stays_plain()
    {
        var id = new string('a', 64 - "aad:".Length);
        Assert.Equal("aad:" + id, UserTokenId.FromProvider("aad", id));
    }

    [Theory]
    [InlineData("aad", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("twitter", "Alice Smith")]
    [InlineData("aad", "id:with:colons")]
    [InlineData("aad", "ünïcode")]
    public void A_long_or_unsafe_id_is_provider_hash_of_provider_NUL_id(string provider, string id)
    {
        var expected = provider + "#"
            + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{provider}\0{id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var tokenId = UserTokenId.FromProvider(provider, id);

        Assert.Equal(expected, tokenId);
        Assert.Equal(provider.Length + 1 + 43, tokenId.Length);
    }

    [Fact]
    public void An_unsafe_or_long_provider_leaves_only_the_hash()
    {
        var tokenId = UserTokenId.FromProvider("my custom provider", "user-1");

        Assert.Matches("^#[A-Za-z0-9_-]{43}$", tokenId);
    }

    [Fact]
    public void The_same_user_at_two_providers_gets_two_ids()
    {
        var longId = new string('x', 80);

        Assert.NotEqual(UserTokenId.FromProvider("aad", "123"), UserTokenId.FromProvider("github", "123"));
        Assert.NotEqual(
            UserTokenId.FromProvider("aad", longId)[^43..],
            UserTokenId.FromProvider("github", longId)[^43..]);
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("a.b_c-d@e", true)]
    [InlineData("", false)]
    [InlineData("alice\n", false)]
    [InlineData("a:b", false)]
    [InlineData("a#b", false)]
    [InlineData("élise", false)]
    public void Local_names_are_limited_to_safe_characters(string name, bool valid)
    {
        Assert.Equal(valid, UserTokenId.IsValidLocalName(name));
    }

    [Fact]
    public void Local_names_are_at_most_64_characters()
    {
        Assert.True(UserTokenId.IsValidLocalName(new string('a', 64)));
        Assert.False(UserTokenId.IsValidLocalName(new string('a', 65)));
    }
}
