using System.Net;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Identity;
using CourseComments.Profiles;
using CourseComments.Tests.Faults;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using NSubstitute;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Profiles;

/// <summary>The token endpoint writes the caller's public profile for every token it hands out, and only
/// then.</summary>
public class ProfileWriteTests
{
    private static readonly Dictionary<string, string?> AzureMode = new() { ["Momento:Mode"] = "Momento" };

    // Tokens:Lifetime (30 min by default) + Webhook:FreshnessWindow (60 s) + Webhook:MaxClockSkew (5 s).
    private static readonly TimeSpan ProfileTtl = TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(65);

    [Fact]
    public async Task A_minted_token_writes_the_profile_for_the_token_lifetime_plus_the_freshness_window()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(LocalUser("alice"))).StatusCode);

        Assert.Equal("alice", await DisplayNameAsync(host.Store, "alice"));
        host.Clock.Advance(ProfileTtl - TimeSpan.FromSeconds(1));
        Assert.Equal("alice", await DisplayNameAsync(host.Store, "alice"));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await host.Store.GetAsync("profile:alice", default));
    }

    [Fact]
    public async Task A_reused_token_rewrites_the_profile_and_so_refreshes_its_TTL()
    {
        await using var host = await StartAsync();
        await host.Client.SendAsync(LocalUser("alice"));
        host.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(LocalUser("alice"))).StatusCode);
        Assert.Equal(1, host.MintCount); // reused, not minted

        host.Clock.Advance(ProfileTtl - TimeSpan.FromSeconds(1));
        Assert.Equal("alice", await DisplayNameAsync(host.Store, "alice"));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await host.Store.GetAsync("profile:alice", default));
    }

    [Fact]
    public async Task In_Azure_the_name_comes_from_the_principal_and_a_rename_shows_on_the_next_token_request()
    {
        await using var host = await StartAsync(AzureMode, EasyAuthOn);

        await host.Client.SendAsync(TokenRequest(principal: AzurePrincipal(("name", "Zoë Ångström"))));
        Assert.Equal("Zoë Ångström", await DisplayNameAsync(host.Store, "aad:sub-7"));

        await host.Client.SendAsync(TokenRequest(principal: AzurePrincipal(("name", "Zoë Ångström-Berg"))));
        Assert.Equal("Zoë Ångström-Berg", await DisplayNameAsync(host.Store, "aad:sub-7"));
        Assert.Equal(1, host.MintCount);
    }

    [Fact]
    public async Task An_Azure_principal_without_a_name_claim_gets_the_fallback_never_its_e_mail_address()
    {
        await using var host = await StartAsync(AzureMode, EasyAuthOn);

        var response = await host.Client.SendAsync(TokenRequest(principal: AzurePrincipal(
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "zoe@contoso.com"),
            ("preferred_username", "zoe@contoso.com"),
            (ClientPrincipal.ObjectIdentifierClaim, "6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DisplayName.Fallback, await DisplayNameAsync(host.Store, "aad:sub-7"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    [InlineData("\u202Eevil", DisplayName.Fallback)]
    [InlineData("Zoë\u2066", DisplayName.Fallback)]
    public async Task A_hostile_name_claim_is_kept_as_text_or_replaced_by_the_fallback(string claim, string expected)
    {
        await using var host = await StartAsync(AzureMode, EasyAuthOn);

        var response = await host.Client.SendAsync(TokenRequest(principal: AzurePrincipal(("name", claim))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await DisplayNameAsync(host.Store, "aad:sub-7"));
    }

    [Fact]
    public async Task A_10_KB_name_claim_gets_the_fallback()
    {
        await using var host = await StartAsync(AzureMode, EasyAuthOn);

        var principal = AzurePrincipal(("name", new string('z', 10 * 1024)));

        var response = await host.Client.SendAsync(TokenRequest(principal: principal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DisplayName.Fallback, await DisplayNameAsync(host.Store, "aad:sub-7"));
    }

    [Theory]
    [InlineData(TokenMintFailure.Unavailable)]
    [InlineData(TokenMintFailure.Throttled)]
    [InlineData(TokenMintFailure.Rejected)]
    public async Task A_failed_mint_writes_no_profile(TokenMintFailure failure)
    {
        await using var host = await StartAsync();
        host.Minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<MintedToken>(new TokenMintException(failure, "down")));

        Assert.False((await host.Client.SendAsync(LocalUser("alice"))).IsSuccessStatusCode);

        Assert.Null(await host.Store.GetAsync("profile:alice", default));
    }

    [Fact]
    public async Task A_refused_caller_writes_no_profile()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.SendAsync(LocalUser("<alice>"))).StatusCode);

        Assert.Null(await host.Store.GetAsync(ProfileStore.KeyFor("<alice>"), default));
    }

    [Fact]
    public async Task A_failed_profile_write_still_hands_out_the_token()
    {
        var (app, store) = await FaultApp.StartAsync();
        await using var _ = app;
        store.Fault = (_, _) => throw new CommentStoreException(StoreFailure.Unavailable, "down");

        var response = await app.Client.SendAsync(LocalUser("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", (await JsonAsync(response)).GetProperty("tokenId").GetString());
    }

    private static string AzurePrincipal(params (string Type, string Value)[] claims) =>
        Principal("aad", [(ClientPrincipal.NameIdentifierClaim, "sub-7"), .. claims]);

    private static async Task<string?> DisplayNameAsync(ICommentStore store, string tokenId)
    {
        var profile = await store.GetAsync(ProfileStore.KeyFor(tokenId), default);
        return profile is null ? null : JsonDocument.Parse(profile).RootElement.GetProperty("displayName").GetString();
    }
}
