using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CourseComments.MomentoEmulator.Topics;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Emulator;

/// <summary>What the Momento emulator POSTs to the webhook for each published message: Momento's documented
/// delivery.</summary>
public class EmulatorDeliveryTests
{
    [Fact]
    public async Task Delivers_the_seven_field_event_signed_with_the_webhook_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await DeliveringEmulator.StartAsync(receiver);
        const string text = """{"courseId":101,"comment":"Ünïcode, \"quotes\" and <tags>"}""";
        var publishedAt = emulator.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        var response = await emulator.PublishAsync(await emulator.MintAsync("mo-the-squirrel"), text);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = await receiver.NextAsync();

        var evt = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(
            ["cache", "topic", "event_timestamp", "publish_timestamp", "topic_sequence_number", "token_id", "text"],
            evt.EnumerateObject().Select(p => p.Name));
        Assert.Equal("course-comments", evt.GetProperty("cache").GetString());
        Assert.Equal("comment", evt.GetProperty("topic").GetString());
        Assert.Equal(publishedAt, evt.GetProperty("event_timestamp").GetInt64());
        Assert.Equal(publishedAt, evt.GetProperty("publish_timestamp").GetInt64());
        Assert.Equal(1, evt.GetProperty("topic_sequence_number").GetInt64());
        Assert.Equal("mo-the-squirrel", evt.GetProperty("token_id").GetString());
        Assert.Equal(text, evt.GetProperty("text").GetString());

        // The reference algorithm, written out: lowercase hex of HMAC-SHA3-256(UTF-8 secret, raw body).
        var expected = Convert.ToHexStringLower(HMACSHA3_256.HashData(Encoding.UTF8.GetBytes(TestApp.Secret),
            delivery.Body));
        Assert.Equal(expected, delivery.Headers["momento-signature"]);
        Assert.Equal("Momento/1.0 (Webhooks; +https://docs.momentohq.com/topics/webhooks)",
            delivery.Headers["User-Agent"]);
        Assert.StartsWith("application/json", delivery.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_is_compact_JSON_escaping_only_what_JSON_requires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await DeliveringEmulator.StartAsync(receiver);

        await emulator.PublishAsync(await emulator.MintAsync(), """{"comment":"a \"b\" <c>"}""");
        var body = Encoding.UTF8.GetString((await receiver.NextAsync()).Body);

        Assert.StartsWith("""{"cache":"course-comments","topic":"comment","event_timestamp":""", body,
            StringComparison.Ordinal);
        Assert.EndsWith(""","token_id":"alice","text":"{\"comment\":\"a \\\"b\\\" <c>\"}"}""", body,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequence_numbers_count_up_per_topic()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await DeliveringEmulator.StartAsync(receiver);
        var token = await emulator.MintAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await emulator.PublishAsync(token)).StatusCode);
        }

        var numbers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement.GetProperty(
                "topic_sequence_number").GetInt64());
        }

        Assert.Equal([1, 2, 3], numbers);
    }

    [Fact]
    public async Task A_refused_delivery_is_attempted_once_and_dropped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await DeliveringEmulator.StartAsync(receiver);
        var token = await emulator.MintAsync();
        receiver.Answer = 500;

        await emulator.PublishAsync(token, """{"n":1}""");
        Assert.Equal("""{"n":1}""", Text(await receiver.NextAsync()));
        receiver.Answer = 200;
        await emulator.PublishAsync(token, """{"n":2}""");

        // Deliveries go out one after another, so had the first been retried, the retry would arrive before this.
        Assert.Equal("""{"n":2}""", Text(await receiver.NextAsync()));
        Assert.Equal(0, receiver.Pending);
    }

    [Fact]
    public async Task Publishing_is_acknowledged_before_delivery_and_refused_with_429_when_the_queue_is_full()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await DeliveringEmulator.StartAsync(
            receiver, options => options.Webhook.QueueCapacity = 1);
        var token = await emulator.MintAsync();
        var release = new TaskCompletionSource();
        receiver.Hold = release.Task;

        Assert.Equal(HttpStatusCode.NoContent, (await emulator.PublishAsync(token)).StatusCode);
        await receiver.NextAsync(); // the first is in flight and held there: the publish was answered already
        Assert.Equal(HttpStatusCode.NoContent, (await emulator.PublishAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.PublishAsync(token)).StatusCode);

        release.SetResult();
        await receiver.NextAsync();
    }

    [Fact]
    public async Task Deliveries_use_one_attempt_with_Momentos_5_second_timeout()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await DeliveringEmulator.StartAsync(receiver);
        var client = emulator.Host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(
            WebhookDeliveryWorker.HttpClientName);
        Assert.Equal(TimeSpan.FromSeconds(5), client.Timeout);
    }

    private static string Text(ReceivedWebhook delivery) =>
        JsonDocument.Parse(delivery.Body).RootElement.GetProperty("text").GetString()!;
}
