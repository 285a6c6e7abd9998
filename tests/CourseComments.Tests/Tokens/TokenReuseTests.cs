using System.Net;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Tokens;

/// <summary>Staying under Momento's 5 auth operations per second: reuse, the refresh margin, single flight,
/// bounds.</summary>
public class TokenReuseTests
{
    [Fact]
    public async Task A_users_token_is_reused_until_only_the_refresh_margin_is_left()
    {
        // The refresh margin is 5 min (TokenOptions.RefreshMargin).
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Tokens:Lifetime"] = "00:30:00" });
        var first = await TokenOf(host, "alice");

        host.Clock.Advance(TimeSpan.FromMinutes(24) + TimeSpan.FromSeconds(59));
        Assert.Equal(first, await TokenOf(host, "alice"));
        Assert.Equal(1, host.MintCount);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await TokenOf(host, "alice");

        Assert.NotEqual(first, second);
        Assert.Equal(2, host.MintCount);
        Assert.Equal(second, await TokenOf(host, "alice"));
    }

    [Fact]
    public async Task Each_user_has_their_own_token()
    {
        await using var host = await StartAsync();

        Assert.Equal("token-1-alice", await TokenOf(host, "alice"));
        Assert.Equal("token-2-bob", await TokenOf(host, "bob"));
        Assert.Equal("token-1-alice", await TokenOf(host, "alice"));
        Assert.Equal(2, host.MintCount);
    }

    [Fact]
    public async Task Many_concurrent_requests_for_one_user_cause_one_mint()
    {
        const int Requests = 25;
        var arrived = 0;
        var allArrived = new TaskCompletionSource();

        // Counted once the endpoint's synchronous part, which registers the request with the issuer, has run: with
        // Easy Auth nothing before the issuer awaits, so every counted request has either started or joined a mint.
        await using var host = await StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento" },
            EasyAuthOn,
            app => app.Use((context, next) =>
            {
                var handled = next(context);
                if (Interlocked.Increment(ref arrived) == Requests)
                {
                    allArrived.SetResult();
                }

                return handled;
            }));
        var release = new TaskCompletionSource<MintedToken>();
        host.Minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(release.Task);
        var principal = Principal("aad", (Identity.ClientPrincipal.NameIdentifierClaim, "alice"));

        var responses = Enumerable.Range(0, Requests)
            .Select(_ => host.Client.SendAsync(TokenRequest(principal: principal))).ToArray();
        await allArrived.Task;

        // Already within the refresh margin once minted: a request arriving after the mint would mint again, so only
        // requests that joined the mint in flight can share it.
        release.SetResult(new MintedToken("shared", host.Clock.GetUtcNow().AddMinutes(1), MomentoTopicsBase));
        foreach (var response in await Task.WhenAll(responses))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("shared", (await JsonAsync(response)).GetProperty("token").GetString());
        }

        Assert.Equal(1, host.MintCount);
    }

    [Fact]
    public async Task A_failed_mint_is_not_remembered()
    {
        await using var host = await StartAsync();
        host.Minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(
                _ => Task.FromException<MintedToken>(new TokenMintException(TokenMintFailure.Unavailable, "down")),
                _ => Task.FromResult(
                    new MintedToken("recovered", host.Clock.GetUtcNow().AddMinutes(30), MomentoTopicsBase)));

        AssertProblem(await host.Client.SendAsync(LocalUser("alice")), 503);
        Assert.Equal("recovered", await TokenOf(host, "alice"));
        Assert.Equal(2, host.MintCount);
    }

    [Fact]
    public async Task The_cache_is_bounded_and_drops_the_token_expiring_soonest()
    {
        await using var host = await StartAsync(
            configureServices: services => services.PostConfigure<TokenOptions>(options => options.MaxCachedUsers = 2));
        await TokenOf(host, "alice");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await TokenOf(host, "bob");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await TokenOf(host, "carol");
        Assert.Equal(3, host.MintCount);

        Assert.Equal("token-2-bob", await TokenOf(host, "bob"));
        Assert.Equal("token-3-carol", await TokenOf(host, "carol"));
        Assert.Equal(3, host.MintCount);

        Assert.Equal("token-4-alice", await TokenOf(host, "alice"));
        Assert.Equal(4, host.MintCount);
    }

    [Fact]
    public async Task Naming_a_refused_token_mints_a_new_one_once()
    {
        await using var host = await StartAsync();
        host.Clock.Advance(TimeSpan.FromMilliseconds(250)); // expiries with fractions, stated in whole seconds
        var first = await host.Client.SendAsync(LocalUser("alice"));
        var refused = TokenIssuer.Fingerprint((await JsonAsync(first)).GetProperty("token").GetString()!);
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        var replacement = await host.Client.SendAsync(Replacing("alice", refused));
        var again = await host.Client.SendAsync(Replacing("alice", refused));
        var otherToken = await host.Client.SendAsync(Replacing("alice", TokenIssuer.Fingerprint("some-other-token")));

        Assert.Equal("token-1-alice", (await JsonAsync(first)).GetProperty("token").GetString());
        Assert.Equal("token-2-alice", (await JsonAsync(replacement)).GetProperty("token").GetString());
        Assert.Equal("token-2-alice", (await JsonAsync(again)).GetProperty("token").GetString());
        Assert.Equal("token-2-alice", (await JsonAsync(otherToken)).GetProperty("token").GetString());
        Assert.Equal(2, host.MintCount);
    }

    [Theory]
    [InlineData("yesterday-ish")]
    [InlineData("2026-11-21T12:30:00Z")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_replace_value_that_is_not_a_token_fingerprint_is_a_bad_request(string replace)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(Replacing("alice", replace));

        AssertProblem(response, StatusCodes.Status400BadRequest);
        Assert.Equal(0, host.MintCount);
    }

    private static HttpRequestMessage Replacing(string user, string fingerprint)
    {
        var request = LocalUser(user);
        request.RequestUri = new Uri($"/api/tokens?replace={Uri.EscapeDataString(fingerprint)}", UriKind.Relative);
        return request;
    }

    private static async Task<string> TokenOf(TokenHost host, string user)
    {
        var response = await host.Client.SendAsync(LocalUser(user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("token").GetString()!;
    }
}
