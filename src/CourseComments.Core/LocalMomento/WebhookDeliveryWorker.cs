using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CourseComments.Json;
using CourseComments.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseComments.LocalMomento;

/// <summary>
/// Delivers each accepted message the way Momento documents it: one POST of the seven-field event, signed with the
/// current signing secret, with Momento's User-Agent, one attempt, 5 s timeout, never retried.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    DeliveryQueue queue,
    IHttpClientFactory httpClients,
    ISigningSecretSource secretSource,
    TimeProvider time,
    LocalAddresses addresses,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "LocalMomento.Webhook";
    public const string UserAgent = "Momento/1.0 (Webhooks; +https://docs.momentohq.com/topics/webhooks)";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // Momento escapes only what JSON requires (a quote stays \"), so the event is written the same way here.
    private static readonly AppJsonContext EventJson =
        new(new JsonSerializerOptions(AppJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(message, stoppingToken);
        }
    }

    private async Task DeliverAsync(PublishedMessage message, CancellationToken stoppingToken)
    {
        try
        {
            var secrets = await secretSource.GetAsync(stoppingToken);
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new WebhookEvent
                {
                    Cache = message.Cache,
                    Topic = message.Topic,
                    EventTimestamp = message.PublishedAt.ToUnixTimeMilliseconds(),
                    PublishTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
                    TopicSequenceNumber = message.TopicSequenceNumber,
                    TokenId = message.TokenId,
                    Text = message.Text,
                },
                EventJson.WebhookEvent);

            using var request = new HttpRequestMessage(HttpMethod.Post, addresses.WebhookUrl)
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(secrets.Keys[0], body));

            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                Delivered(logger, message.Topic, message.TopicSequenceNumber, (int)response.StatusCode);
            }
            else
            {
                Refused(logger, message.Topic, message.TopicSequenceNumber, (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException
                                   or SecretSourceUnavailableException or InvalidOperationException)
        {
            // Momento makes one attempt and drops the event; so does the stand-in.
            Failed(logger, message.Topic, message.TopicSequenceNumber, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Local Momento delivered {Topic} #{Sequence} to the webhook: {Status}")]
    private static partial void Delivered(ILogger logger, string topic, ulong sequence, int status);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Local Momento delivered {Topic} #{Sequence}; the webhook refused it with {Status} and it is dropped")]
    private static partial void Refused(ILogger logger, string topic, ulong sequence, int status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Local Momento could not deliver {Topic} #{Sequence} ({Error}); it is dropped")]
    private static partial void Failed(ILogger logger, string topic, ulong sequence, string error);
}
