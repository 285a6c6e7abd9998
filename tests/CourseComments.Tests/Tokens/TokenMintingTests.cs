using System.Net;
using CourseComments.Tokens;
using Microsoft.Extensions.Options;
using NSubstitute;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Tokens;

/// <summary>What is minted, what the browser gets back, and what the configuration allows.</summary>
public class TokenMintingTests
{
    [Fact]
    public async Task The_minter_is_asked_for_a_publish_only_token_for_the_configured_cache_topic_and_lifetime()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Momento:CacheName"] = "my-cache",
            ["Momento:TopicName"] = "my.topic",
            ["Tokens:Lifetime"] = "00:45:00",
        });

        await host.Client.SendAsync(LocalUser("alice"));

        Assert.Equal(new PublishTokenRequest("alice", "my-cache", "my.topic", TimeSpan.FromMinutes(45)),
            host.SingleMintRequest());
    }

    [Fact]
    public async Task The_default_scope_is_course_comments_comment_for_30_minutes()
    {
        await using var host = await StartAsync();

        await host.Client.SendAsync(LocalUser("alice"));

        Assert.Equal(new PublishTokenRequest("alice", "course-comments", "comment", TimeSpan.FromMinutes(30)),
            host.SingleMintRequest());
    }

    [Fact]
    public async Task The_response_carries_the_token_its_expiry_id_and_where_to_publish_and_is_not_stored_by_caches()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(LocalUser("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        AssertNoStore(response);
        var body = await JsonAsync(response);
        Assert.Equal(
            ["token", "expiresAt", "tokenId", "cacheName", "topicName", "publishUrl"],
            body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("token-1-alice", body.GetProperty("token").GetString());
        Assert.Equal("2026-11-21T12:30:00Z", body.GetProperty("expiresAt").GetString());
        Assert.Equal("alice", body.GetProperty("tokenId").GetString());
        Assert.Equal("course-comments", body.GetProperty("cacheName").GetString());
        Assert.Equal("comment", body.GetProperty("topicName").GetString());
        Assert.Equal(
            "https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/topics/course-comments/comment",
            body.GetProperty("publishUrl").GetString());
    }

    [Fact]
    public async Task The_publish_url_keeps_a_base_path_such_as_the_local_stand_ins()
    {
        await using var host = await StartAsync();
        host.Minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(new MintedToken(
                "local-token", host.Clock.GetUtcNow().AddMinutes(30), new Uri("http://127.0.0.1:7071/local/momento/")));

        var body = await JsonAsync(await host.Client.SendAsync(LocalUser("alice")));

        Assert.Equal("http://127.0.0.1:7071/local/momento/topics/course-comments/comment",
            body.GetProperty("publishUrl").GetString());
    }

    [Fact]
    public async Task The_token_never_appears_in_the_logs()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(LocalUser("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(host.Logs, line => line.Contains("Minted a publish token"));
        Assert.DoesNotContain(host.Logs, line => line.Contains("token-1-alice"));
    }

    [Theory]
    [InlineData("Tokens:Lifetime", "12:00:01")]
    [InlineData("Tokens:Lifetime", "1.01:00:00")]
    [InlineData("Tokens:Lifetime", "00:00:30")]
    [InlineData("Tokens:Lifetime", "00:05:00")]
    [InlineData("Tokens:MaxMintsPerSecond", "6")]
    [InlineData("Tokens:MaxMintsPerSecond", "0")]
    public async Task Out_of_range_token_settings_stop_the_app_at_start_up(string key, string value)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(
            () => StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key.Split(':')[1], failure.Message);
    }
}
