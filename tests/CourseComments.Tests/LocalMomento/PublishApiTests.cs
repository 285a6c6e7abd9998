using System.Net;
using CourseComments.LocalMomento;
using CourseComments.Platform;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CourseComments.Tests.LocalMomento;

/// <summary>The stand-in's Topics publish API answers every case with Momento's status.</summary>
public class PublishApiTests
{
    [Fact]
    public async Task A_valid_token_in_the_Authorization_header_is_accepted_with_204()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var response = await app.Client.SendAsync(StandIn.Publish(await StandIn.MintAsync(app)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_in_the_token_query_is_accepted_with_204()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var token = await StandIn.MintAsync(app);
        var response = await app.Client.SendAsync(StandIn.Publish(null, path: StandIn.TopicPath + "?token=" + Uri.EscapeDataString(token)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task A_token_in_both_the_header_and_the_query_is_400()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var token = await StandIn.MintAsync(app);
        var response = await app.Client.SendAsync(StandIn.Publish(token, path: StandIn.TopicPath + "?token=" + Uri.EscapeDataString(token)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task No_token_is_401()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var response = await app.Client.SendAsync(StandIn.Publish(null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var token = await StandIn.MintAsync(app, tokenId: "alice");
        var signature = token[token.IndexOf('.')..];
        var forgedClaims = new LocalTokenClaims("course-comments", "comment", LocalTokenClaims.PublishOnly, long.MaxValue, "mallory");
        var forged = new LocalTokenCodec().Encode(forgedClaims);

        foreach (var bad in new[] { forged[..forged.IndexOf('.')] + signature, forged, token + "x", "not-a-token", "." + signature })
        {
            var response = await app.Client.SendAsync(StandIn.Publish(bad));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var token = await StandIn.MintAsync(app, lifetime: TimeSpan.FromMinutes(5));

        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await app.Client.SendAsync(StandIn.Publish(token));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("course-comments", "other-topic")]
    [InlineData("other-cache", "comment")]
    public async Task A_token_scoped_to_another_topic_or_cache_is_403(string cache, string topic)
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var token = await StandIn.MintAsync(app, cache: cache, topic: topic);
        var response = await app.Client.SendAsync(StandIn.Publish(token));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", HttpStatusCode.NoContent)]
    [InlineData("application/octet-stream", HttpStatusCode.NoContent)]
    [InlineData("application/json", HttpStatusCode.BadRequest)]
    [InlineData("text/plain; charset=iso-8859-1", HttpStatusCode.BadRequest)]
    public async Task The_message_must_be_text_plain_or_octet_stream(string contentType, HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var response = await app.Client.SendAsync(StandIn.Publish(await StandIn.MintAsync(app), contentType: contentType));
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(LocalPublishEndpoint.MaxMessageBytes, HttpStatusCode.NoContent)]
    [InlineData(LocalPublishEndpoint.MaxMessageBytes + 1, HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_message_is_at_most_4_KB(int bytes, HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var response = await app.Client.SendAsync(StandIn.Publish(await StandIn.MintAsync(app), text: new string('x', bytes)));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_message_that_is_not_UTF8_is_400()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var request = StandIn.Publish(await StandIn.MintAsync(app));
        request.Content = new ByteArrayContent([0x7b, 0xff, 0xfe, 0x7d]);
        request.Content.Headers.ContentType = new("application/octet-stream");

        var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Browsers_may_call_it_cross_origin()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var preflight = new HttpRequestMessage(HttpMethod.Options, StandIn.TopicPath);
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await app.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Authorization", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_problem_details_without_internals()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        var response = await app.Client.SendAsync(StandIn.Publish("not-a-token"));

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid or expired", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stand_in_does_not_exist_in_Momento_mode()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento" },
            // Momento mode needs a token minter; the real one (Momento.Sdk) lives in the Functions shell.
            services => services.AddSingleton(Substitute.For<ITokenMinter>()));

        var response = await app.Client.SendAsync(StandIn.Publish("any"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(app.Services.GetService(typeof(LocalPublishEndpoint)));
    }

    [Theory]
    [InlineData("LocalMomento:WebhookUrl", "/api/webhook")]
    [InlineData("LocalMomento:WebhookUrl", "ftp://localhost/api/webhook")]
    [InlineData("LocalMomento:PublicBaseUrl", "localhost:7071")]
    [InlineData("LocalMomento:DeliveryQueueCapacity", "0")]
    public async Task Invalid_settings_stop_the_app_at_start_up(string key, string value)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(new Dictionary<string, string?> { [key] = value }));
    }

    [Fact]
    public void Its_settings_are_refused_in_Azure()
    {
        var azure = new AzurePlatform(name => name == "WEBSITE_INSTANCE_ID" ? "abc123" : null);
        var result = new LocalMomentoOutsideAzure(azure).Validate(null, new LocalMomentoOptions());
        Assert.True(result.Failed);
        Assert.True(new LocalMomentoOutsideAzure(new AzurePlatform(_ => null)).Validate(null, new LocalMomentoOptions()).Succeeded);
    }

    [Fact]
    public async Task Even_if_wired_up_in_Azure_it_answers_404()
    {
        var endpoint = new LocalPublishEndpoint(
            new LocalTokenCodec(), new DeliveryQueue(Options.Create(new LocalMomentoOptions())),
            new AzurePlatform(name => name == "WEBSITE_INSTANCE_ID" ? "abc123" : null),
            TimeProvider.System, NullLogger<LocalPublishEndpoint>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;

        var result = await endpoint.HandleAsync(context.Request, "course-comments", "comment", default);

        Assert.IsType<NotFound>(result);
    }
}
