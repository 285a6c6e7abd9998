using CourseComments.LocalMomento;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.LocalMomento;

/// <summary>The token port's local implementation: signed, scoped, expiring tokens carrying the tokenId.</summary>
public class LocalTokenTests
{
    [Fact]
    public async Task Minted_tokens_carry_scope_permission_expiry_and_token_id_under_a_signature()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var minter = app.Services.GetRequiredService<ITokenMinter>();

        var minted = await minter.MintPublishOnlyAsync(new PublishTokenRequest("alice", "course-comments", "comment", TimeSpan.FromMinutes(30)), default);

        Assert.IsType<LocalTokenMinter>(minter);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(30), minted.ExpiresAt);
        // Unset, the public base URL is the address the server reports it listens on.
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.Equal(new Uri(new Uri(listening), "/api/local-momento"), minted.TopicsBaseUrl);
        var claims = app.Services.GetRequiredService<LocalTokenCodec>().Decode(minted.Token);
        Assert.Equal(
            new LocalTokenClaims("course-comments", "comment", LocalTokenClaims.PublishOnly, minted.ExpiresAt.ToUnixTimeMilliseconds(), "alice"),
            claims);
    }

    [Fact]
    public async Task The_topics_base_url_follows_the_configured_public_base_url()
    {
        var settings = new Dictionary<string, string?>(StandIn.NoWebhook) { ["LocalMomento:PublicBaseUrl"] = "http://127.0.0.1:5005/" };
        await using var app = await TestApp.StartAsync(settings);

        var minted = await app.Services.GetRequiredService<ITokenMinter>()
            .MintPublishOnlyAsync(new PublishTokenRequest("alice", "course-comments", "comment", TimeSpan.FromMinutes(1)), default);

        Assert.Equal("http://127.0.0.1:5005/api/local-momento", minted.TopicsBaseUrl.ToString());
    }

    [Fact]
    public void Only_this_process_can_make_a_token_it_accepts()
    {
        var codec = new LocalTokenCodec();
        var claims = new LocalTokenClaims("course-comments", "comment", LocalTokenClaims.PublishOnly, 1, "alice");
        var token = codec.Encode(claims);
        var payload = token[..token.IndexOf('.')];
        var tampered = (payload[0] == 'e' ? "f" : "e") + token[1..];

        Assert.Equal(claims, codec.Decode(token));
        Assert.Null(codec.Decode(tampered));
        Assert.Null(codec.Decode(payload + "."));
        Assert.Null(codec.Decode(payload));
        Assert.Null(new LocalTokenCodec().Decode(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-token-id-that-is-sixty-five-characters-long-xxxxxxxxxxxxxxxxxxx")]
    public async Task A_token_id_outside_1_to_64_characters_is_rejected(string tokenId)
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var minter = app.Services.GetRequiredService<ITokenMinter>();

        var error = await Assert.ThrowsAsync<TokenMintException>(() =>
            minter.MintPublishOnlyAsync(new PublishTokenRequest(tokenId, "course-comments", "comment", TimeSpan.FromMinutes(1)), default));
        Assert.Equal(TokenMintFailure.Rejected, error.Failure);
    }
}
