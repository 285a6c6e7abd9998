using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CourseComments.Json;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Webhooks;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>
/// Delivers each published text message the way Momento documents its webhooks: one POST of the seven-field event,
/// signed (<c>momento-signature</c>, HMAC-SHA3-256 with the webhook's secret), Momento's User-Agent, one attempt, 5 s
/// timeout, never retried. Binary messages have no <c>text</c> to deliver and are skipped.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    DeliveryQueue queue,
    IHttpClientFactory httpClients,
    WebhookTarget target,
    TimeProvider time,
    IOptions<EmulatorOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "MomentoEmulator.Webhook";
    public const string UserAgent = "Momento/1.0 (Webhooks; +https://docs.momentohq.com/topics/webhooks)";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // Momento escapes only what JSON requires (a quote stays \"), so the event is written the same way here.
    private static readonly AppJsonContext EventJson =
        new(new JsonSerializerOptions(
            AppJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queue.IsEnabled)
        {
            return;
        }

        var key = Encoding.UTF8.GetBytes(options.Value.Webhook.SigningSecret!);
        Uri url;
        try
        {
            url = await target.UrlAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await foreach (var delivery in queue.ReadAllAsync(stoppingToken))
        {
            if (delivery.Message.Value.KindCase == Momento.Protos.CacheClient.Pubsub._TopicValue.KindOneofCase.Text)
            {
                await DeliverAsync(delivery, url, key, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, Uri url, byte[] key, CancellationToken stoppingToken)
    {
        var message = delivery.Message;
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new WebhookEvent
                {
                    Cache = delivery.Cache,
                    Topic = delivery.Topic,
                    EventTimestamp = message.PublishedAt.ToUnixTimeMilliseconds(),
                    PublishTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
                    TopicSequenceNumber = message.SequenceNumber,
                    TokenId = message.PublisherId,
                    Text = message.Value.Text,
                },
                EventJson.WebhookEvent);

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(key, body));

            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                Delivered(logger, delivery.Topic, message.SequenceNumber, (int)response.StatusCode);
            }
            else
            {
                Refused(logger, delivery.Topic, message.SequenceNumber, (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Momento makes one attempt and drops the event; so does the emulator.
            Failed(logger, delivery.Topic, message.SequenceNumber, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Momento emulator delivered {Topic} #{Sequence} to the webhook: {Status}")]
    private static partial void Delivered(ILogger logger, string topic, ulong sequence, int status);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Momento emulator delivered {Topic} #{Sequence}; "
            + "the webhook refused it with {Status} and it is dropped")]
    private static partial void Refused(ILogger logger, string topic, ulong sequence, int status);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Momento emulator could not deliver {Topic} #{Sequence} ({Error}); it is dropped")]
    private static partial void Failed(ILogger logger, string topic, ulong sequence, string error);
}
