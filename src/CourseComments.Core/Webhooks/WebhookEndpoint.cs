using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Webhooks;

/// <summary>
/// <c>POST /api/webhook</c>: Momento's delivery of one published comment. Verifies the signature before parsing
/// anything, checks the event and its freshness, hands the message to <see cref="CommentIntake"/> (author from
/// <c>token_id</c> alone), and answers 200 <c>{}</c> only once the comment is stored. When the app takes comments
/// from its topic subscription (<c>Momento:Delivery=Subscription</c>) it refuses every delivery with 409: a webhook
/// event has no sequence page, so it cannot share the subscription's once-only key, and storing from both would
/// store each comment twice.
/// </summary>
public sealed partial class WebhookEndpoint(
    ISigningSecretSource secretSource,
    CommentIntake intake,
    DeliveryStatus status,
    TimeProvider time,
    IOptions<WebhookOptions> webhookOptions,
    IOptions<MomentoOptions> momentoOptions,
    RefusalSampler refusals,
    ILogger<WebhookEndpoint> logger)
{
    private readonly WebhookOptions options = webhookOptions.Value;
    private readonly MomentoOptions momento = momentoOptions.Value;
    private readonly byte[] cacheName = Encoding.UTF8.GetBytes(momentoOptions.Value.CacheName);
    private readonly byte[] topicName = Encoding.UTF8.GetBytes(momentoOptions.Value.TopicName);

    /// <summary>Handles one delivery; see the type's summary. A ValueTask: a delivery answered without waiting
    /// allocates no Task for it.</summary>
    public async ValueTask<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (momento.Delivery != DeliveryMode.Webhook)
        {
            return Reject(
                StatusCodes.Status409Conflict,
                "webhook-delivery-off",
                "This app stores comments from its topic subscription (Momento:Delivery is Subscription); " +
                "webhook deliveries are not accepted.");
        }

        // One budget for the whole request, the body's arrival included: a trickled body cannot hold it open.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.ResponseBudget);

        ArraySegment<byte>? read;
        try
        {
            read = await BoundedBody.ReadPooledAsync(request, options.MaxBodyBytes, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Reject(
                StatusCodes.Status408RequestTimeout,
                "body-timeout",
                "The request body did not arrive within the response budget.");
        }

        if (read is not { } body)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large.");
        }

        string onceKey;
        CheckedComment comment;
        try
        {
            SigningSecrets secrets;
            try
            {
                secrets = await secretSource.GetAsync(budget.Token);
            }
            catch (Exception ex) when (ex is SecretSourceUnavailableException
                                       || (ex is OperationCanceledException
                                           && !cancellationToken.IsCancellationRequested))
            {
                var reason = ex is SecretSourceUnavailableException ? "secrets-unavailable" : "secrets-timeout";
                WebhookLog.SecretsUnavailable(logger, reason, ex);
                return Problems.Create(
                    StatusCodes.Status503ServiceUnavailable,
                    "unavailable",
                    "The webhook cannot verify deliveries right now.");
            }

            if (!TryCheck(request, body, secrets, out onceKey, out comment, out var refusal))
            {
                return refusal;
            }
        }
        finally
        {
            // The checked comment has arrays of its own: nothing refers to the body from here on.
            ArrayPool<byte>.Shared.Return(body.Array!);
        }

        return await StoreAsync(request.HttpContext.Response, onceKey, comment, budget.Token, cancellationToken);
    }

    /// <summary>Verifies the signature before parsing anything, then reads the event and checks it, its freshness and
    /// its comment (<see cref="CommentIntake.TryCheck"/>).</summary>
    /// <returns>True with the comment to store and its once-only key, or false with the refusal.</returns>
    private bool TryCheck(
        HttpRequest request,
        ArraySegment<byte> body,
        SigningSecrets secrets,
        out string onceKey,
        out CheckedComment comment,
        [NotNullWhen(false)] out IResult? refusal)
    {
        (onceKey, comment) = (string.Empty, default);
        refusal = Refusal(request, body, secrets, ref onceKey, ref comment);
        return refusal is null;
    }

    private IResult? Refusal(
        HttpRequest request,
        ArraySegment<byte> body,
        SigningSecrets secrets,
        ref string onceKey,
        ref CheckedComment comment)
    {
        if (!WebhookSignature.IsValid(request.Headers[WebhookSignature.HeaderName], body, secrets))
        {
            return Reject(
                StatusCodes.Status403Forbidden,
                "signature-invalid",
                "Access denied: the momento-signature header is missing or wrong.");
        }

        var scratch = ArrayPool<byte>.Shared.Rent(body.Count);
        try
        {
            if (!WebhookEventView.TryParse(body, scratch, out var evt))
            {
                return Reject(
                    StatusCodes.Status400BadRequest,
                    "malformed-event",
                    "The body is not a webhook event: it needs cache, topic, event_timestamp, publish_timestamp, "
                    + "topic_sequence_number, token_id and text with their documented types.");
            }

            if (!evt.Cache.SequenceEqual(cacheName) || !evt.Topic.SequenceEqual(topicName))
            {
                return Reject(
                    StatusCodes.Status400BadRequest,
                    "unexpected-topic",
                    "The event is for a cache or topic this webhook does not serve.");
            }

            if (WebhookEventTimes.Check(evt, time.GetUtcNow(), options) is { } late)
            {
                return Reject(late.Status, late.Reason, late.Problem);
            }

            status.Received();
            onceKey = WebhookEventKey.For(evt);
            var publishedAt = DateTimeOffset.FromUnixTimeMilliseconds(evt.EventTimestamp);
            if (!intake.TryCheck(evt.TokenId, evt.Text, publishedAt, out comment, out var refused))
            {
                var answer = Reject(refused.Status, refused.Reason!, refused.Problem!);
                status.Refused();
                return answer;
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>A refusal: logged (sampled) and answered with its problem details.</summary>
    private IResult Reject(int status, string reason, string title)
    {
        // Expected refusals: Information at most, no stack trace, identical ones sampled.
        if (refusals.ShouldLog($"webhook:{status}:{reason}", out var omitted))
        {
            WebhookLog.Rejected(logger, status, reason, omitted);
        }

        return Problems.Create(status, reason, title);
    }
}
