using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Momento.Sdk.Auth.AccessControl;
using Momento.Sdk.Responses;
using static CourseComments.Emulator.Tests.EmulatorServer;

namespace CourseComments.Emulator.Tests;

/// <summary>The Topics HTTP API a browser calls, and the signed webhook delivery of what is published.</summary>
public sealed class TopicsHttpApiTests : IAsyncLifetime
{
    private const string Secret = "test-signing-secret";
    private WebhookReceiver webhook = null!;
    private EmulatorServer server = null!;
    private string token = null!;

    public async Task InitializeAsync()
    {
        webhook = await WebhookReceiver.StartAsync();
        server = await StartAsync(new Dictionary<string, string?>
        {
            ["Webhook:Url"] = webhook.Url.ToString(),
            ["Webhook:SigningSecret"] = Secret,
        }, services: services => services.PostConfigure<EmulatorOptions>(options => options.Webhook.QueueCapacity = 2));
        var minted = await server.AuthClient().GenerateDisposableTokenAsync(
            DisposableTokenScopes.TopicPublishOnly(Cache, "course-1"), ExpiresIn.Minutes(5), "user-7");
        token = Assert.IsType<GenerateDisposableTokenResponse.Success>(minted).AuthToken;
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await webhook.DisposeAsync();
    }

    [Fact]
    public async Task A_publish_is_delivered_to_the_webhook_signed_in_Momentos_shape()
    {
        using var response = await PublishAsync($"/topics/{Cache}/course-1", "Great \"course\" ✓", header: token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var (signature, userAgent, body) = await webhook.NextAsync();
        Assert.True(WebhookSignature.IsValid(signature, body, new SigningSecrets([Secret])));
        Assert.StartsWith("Momento/", userAgent);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(Cache, json.RootElement.GetProperty("cache").GetString());
        Assert.Equal("course-1", json.RootElement.GetProperty("topic").GetString());
        Assert.Equal("user-7", json.RootElement.GetProperty("token_id").GetString());
        Assert.Equal("Great \"course\" ✓", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("topic_sequence_number").GetInt64());
        Assert.Contains("\\\"course\\\"", Encoding.UTF8.GetString(body)); // quotes escaped as JSON requires, no more
    }

    [Fact]
    public async Task The_token_may_come_in_the_query_but_not_in_both_places()
    {
        using var query = await PublishAsync($"/topics/{Cache}/course-1?token={Uri.EscapeDataString(token)}", "q");
        using var both = await PublishAsync($"/topics/{Cache}/course-1?token={Uri.EscapeDataString(token)}", "b",
            header: token);

        Assert.Equal(HttpStatusCode.NoContent, query.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task Missing_invalid_out_of_scope_and_unknown_cache_publishes_get_their_statuses()
    {
        using var missing = await PublishAsync($"/topics/{Cache}/course-1", "x");
        using var invalid = await PublishAsync($"/topics/{Cache}/course-1", "x", header: "emu1.forged.token");
        using var otherTopic = await PublishAsync($"/topics/{Cache}/course-2", "x", header: token);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTopic.StatusCode);
        Assert.Equal("application/problem+json", otherTopic.Content.Headers.ContentType?.MediaType);

        var anyCache = await server.AuthClient().GenerateDisposableTokenAsync(
            new DisposableTokenScope([new DisposableToken.TopicPermission(TopicRole.PublishOnly,
                CacheSelector.AllCaches, TopicSelector.AllTopics)]),
            ExpiresIn.Minutes(1));
        using var unknownCache = await PublishAsync(
            "/topics/no-such-cache/t", "x", header: Assert.IsType<GenerateDisposableTokenResponse.Success>(
                anyCache).AuthToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownCache.StatusCode);
    }

    [Fact]
    public async Task Oversized_non_utf8_and_wrongly_typed_bodies_are_refused()
    {
        using var large = await PublishAsync($"/topics/{Cache}/course-1", new string('a', 4097), header: token);
        using var notUtf8 = await SendAsync($"/topics/{Cache}/course-1", new ByteArrayContent([0xC3, 0x28]),
            "text/plain", token);
        using var json = await SendAsync($"/topics/{Cache}/course-1", new StringContent("{}"), "application/json",
            token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
    }

    [Fact]
    public async Task A_full_delivery_queue_answers_429_and_publishes_nothing_more()
    {
        webhook.Stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await PublishAsync($"/topics/{Cache}/course-1", $"m{i}", header: token);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        webhook.Stall.SetResult();
        var accepted = statuses.Count(s => s == HttpStatusCode.NoContent);
        var numbers = new List<long>();
        for (var i = 0; i < accepted; i++)
        {
            using var json = JsonDocument.Parse((await webhook.NextAsync()).Body);
            numbers.Add(json.RootElement.GetProperty("topic_sequence_number").GetInt64());
        }

        Assert.Equal(Enumerable.Range(1, accepted).Select(n => (long)n),
            numbers); // no gaps: refused ones were not numbered
    }

    [Fact]
    public async Task A_preflight_allows_any_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(server.Host.Endpoints.HttpBaseUrl,
            $"/topics/{Cache}/course-1"));
        request.Headers.Add("Origin", "http://localhost:7071");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("Authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    private Task<HttpResponseMessage> PublishAsync(string path, string text, string? header = null) =>
        SendAsync(path, new StringContent(text, Encoding.UTF8), "text/plain", header);

    private async Task<HttpResponseMessage> SendAsync(string path, HttpContent content, string contentType,
        string? header)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Host.Endpoints.HttpBaseUrl,
            path)) { Content = content };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        return await server.Http.SendAsync(request);
    }
}
