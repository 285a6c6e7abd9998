using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Momento.Sdk.Auth.AccessControl;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;
using static CourseComments.Emulator.Tests.EmulatorServer;
using static CourseComments.Emulator.Tests.TopicEvents;

namespace CourseComments.Emulator.Tests;

/// <summary>Momento.Sdk's AuthClient against the emulator: minted tokens carry their scope, expiry and token id, and
/// the emulator verifies them on every call.</summary>
public sealed class TokenCallTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private EmulatorServer server = null!;

    public async Task InitializeAsync() => server = await StartAsync(clock: clock);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_minted_token_is_Momentos_base64_json_with_the_expiry_asked_for()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishOnly(Cache, "chat"), ExpiresIn.Minutes(30),
            "user-1");

        using var json = JsonDocument.Parse(Convert.FromBase64String(minted.AuthToken));
        Assert.Equal(server.Host.Endpoints.TokenEndpoint, json.RootElement.GetProperty("endpoint").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("api_key").GetString()));
        Assert.Equal((int)clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(), minted.ExpiresAt.Epoch());
    }

    [Fact]
    public async Task A_publish_only_token_publishes_as_its_token_id_and_may_not_subscribe()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishOnly(Cache, "chat"), ExpiresIn.Minutes(5),
            "user-42");
        var asUser = server.TopicClient(server.TokenCredentials(ApiKey(minted)));
        var superUser = server.TopicClient();
        using var subscription = await SubscribeAsync(superUser, Cache, "chat");

        Assert.IsType<TopicPublishResponse.Success>(await asUser.PublishAsync(Cache, "chat", "hello"));

        var message = (await ReadUntilAsync(subscription, Texts(1))).OfType<TopicMessage.Text>().Single();
        Assert.Equal("user-42", message.TokenId);
        var denied = Assert.IsType<TopicSubscribeResponse.Error>(await asUser.SubscribeAsync(Cache, "chat"));
        Assert.Equal(MomentoErrorCode.PERMISSION_ERROR, denied.ErrorCode);
    }

    [Fact]
    public async Task A_token_is_refused_outside_its_topic_and_cache()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishOnly(Cache, "chat"), ExpiresIn.Minutes(5),
            "user-1");
        var asUser = server.TopicClient(server.TokenCredentials(ApiKey(minted)));

        var otherTopic = Assert.IsType<TopicPublishResponse.Error>(await asUser.PublishAsync(Cache, "other", "x"));
        var otherCache = Assert.IsType<TopicPublishResponse.Error>(await asUser.PublishAsync("another-cache", "chat",
            "x"));

        Assert.Equal(MomentoErrorCode.PERMISSION_ERROR, otherTopic.ErrorCode);
        Assert.Equal(MomentoErrorCode.PERMISSION_ERROR, otherCache.ErrorCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_unauthenticated()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishOnly(Cache, "chat"), ExpiresIn.Seconds(60),
            "user-1");
        var asUser = server.TopicClient(server.TokenCredentials(ApiKey(minted)));
        Assert.IsType<TopicPublishResponse.Success>(await asUser.PublishAsync(Cache, "chat", "in time"));

        clock.Advance(TimeSpan.FromSeconds(61));

        var error = Assert.IsType<TopicPublishResponse.Error>(await asUser.PublishAsync(Cache, "chat", "too late"));
        Assert.Equal(MomentoErrorCode.AUTHENTICATION_ERROR, error.ErrorCode);
    }

    [Fact]
    public async Task A_tampered_or_foreign_token_is_refused_as_unauthenticated()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishSubscribe(Cache, "chat"), ExpiresIn.Minutes(
            5), "user-1");
        var key = ApiKey(minted);
        var tampered = key[..^2] + (key[^2] == 'A' ? "B" : "A") + key[^1];

        foreach (var credential in new[] { tampered, "not-a-token" })
        {
            var client = server.TopicClient(server.TokenCredentials(credential));
            var error = Assert.IsType<TopicPublishResponse.Error>(await client.PublishAsync(Cache, "chat", "x"));
            Assert.Equal(MomentoErrorCode.AUTHENTICATION_ERROR, error.ErrorCode);
        }
    }

    [Fact]
    public async Task A_token_may_not_mint_tokens_or_touch_the_cache_without_a_cache_permission()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishSubscribe(Cache, "chat"), ExpiresIn.Minutes(
            5), "user-1");
        var credentials = server.TokenCredentials(ApiKey(minted));
        using var auth = new Momento.Sdk.AuthClient(Momento.Sdk.Config.AuthConfigurations.Default.Latest(),
            credentials);
        using var cache = new Momento.Sdk.CacheClient(Momento.Sdk.Config.Configurations.Laptop.Latest(), credentials,
            DefaultTtl);

        var mint = Assert.IsType<GenerateDisposableTokenResponse.Error>(
            await auth.GenerateDisposableTokenAsync(DisposableTokenScopes.TopicPublishOnly(Cache, "chat"),
                ExpiresIn.Minutes(1)));
        var get = Assert.IsType<CacheGetResponse.Error>(await cache.GetAsync(Cache, "k"));

        Assert.Equal(MomentoErrorCode.PERMISSION_ERROR, mint.ErrorCode);
        Assert.Equal(MomentoErrorCode.PERMISSION_ERROR, get.ErrorCode);
    }

    [Fact]
    public async Task A_cache_read_only_token_reads_but_may_not_write()
    {
        var minted = await MintAsync(DisposableTokenScopes.CacheReadOnly(Cache), ExpiresIn.Minutes(5), "reader");
        await server.CacheClient().SetAsync(Cache, "k", "v");
        using var cache = new Momento.Sdk.CacheClient(
            Momento.Sdk.Config.Configurations.Laptop.Latest(), server.TokenCredentials(ApiKey(minted)), DefaultTtl);

        Assert.Equal("v", Assert.IsType<CacheGetResponse.Hit>(await cache.GetAsync(Cache, "k")).ValueString);
        var write = Assert.IsType<CacheSetResponse.Error>(await cache.SetAsync(Cache, "k", "w"));
        Assert.Equal(MomentoErrorCode.PERMISSION_ERROR, write.ErrorCode);
    }

    [Fact]
    public async Task Lifetimes_beyond_25_hours_are_refused()
    {
        var response = await server.AuthClient().GenerateDisposableTokenAsync(
            DisposableTokenScopes.TopicPublishOnly(Cache, "chat"), ExpiresIn.Hours(26), "user-1");

        Assert.Equal(MomentoErrorCode.INVALID_ARGUMENT_ERROR, Assert.IsType<GenerateDisposableTokenResponse.Error>(
            response).ErrorCode);
    }

    [Fact]
    public async Task A_minted_token_publishes_through_the_topics_http_api_as_its_token_id()
    {
        var minted = await MintAsync(DisposableTokenScopes.TopicPublishOnly(Cache, "chat"), ExpiresIn.Minutes(5),
            "browser-user");
        using var subscription = await SubscribeAsync(server.TopicClient(), Cache, "chat");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Host.Endpoints.HttpBaseUrl,
            $"/topics/{Cache}/chat"))
        {
            Content = new StringContent("from the browser", Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", minted.AuthToken);
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = (await ReadUntilAsync(subscription, Texts(1))).OfType<TopicMessage.Text>().Single();
        Assert.Equal(("from the browser", "browser-user"), (message.Value, message.TokenId));
    }

    private async Task<GenerateDisposableTokenResponse.Success> MintAsync(DisposableTokenScope scope,
        ExpiresIn expiresIn, string tokenId) =>
        Assert.IsType<GenerateDisposableTokenResponse.Success>(
            await server.AuthClient().GenerateDisposableTokenAsync(scope, expiresIn, tokenId));

    /// <summary>The api_key inside Momento's token envelope: what an SDK sends as its authorization.</summary>
    private static string ApiKey(GenerateDisposableTokenResponse.Success minted)
    {
        using var json = JsonDocument.Parse(Convert.FromBase64String(minted.AuthToken));
        return json.RootElement.GetProperty("api_key").GetString()!;
    }
}
