using System.Globalization;
using CourseComments.Comments;
using CourseComments.Http;
using Microsoft.AspNetCore.Http;

namespace CourseComments.Webhooks;

/// <summary>The webhook's last step: hands a checked delivery to <see cref="CommentIntake"/> within the response
/// budget and maps its outcome (or the store's failure) to the answer Momento gets: 200 <c>{}</c> only once
/// stored.</summary>
public sealed partial class WebhookEndpoint
{
    // Immutable, so one instance answers every stored delivery; as UTF-8, it is written to the body as it is.
    private static readonly IResult Acknowledged =
        TypedResults.Text("{}"u8, "application/json", statusCode: StatusCodes.Status200OK);

    private async ValueTask<IResult> StoreAsync(
        HttpResponse response,
        string onceKey,
        CheckedComment comment,
        CancellationToken budget,
        CancellationToken requestAborted)
    {
        // The claim must outlive every moment a copy of this event could still pass the freshness check.
        var claimTtl = 2 * (options.FreshnessWindow + options.MaxClockSkew);
        try
        {
            // WaitAsync: the answer keeps to the budget even when a store call ignores cancellation. The abandoned
            // write may still land later: its claim is kept until it settles (LatePushes), so a redelivery is answered
            // 409 until its comment is listed and is never stored twice; only a confirmed write is acknowledged. An
            // answer already there needs neither the wait nor a Task.
            var storing = intake.StoreAsync(onceKey, comment, claimTtl, new ClaimAttempt(), budget);
            var result = storing.IsCompletedSuccessfully ? storing.Result : await storing.AsTask().WaitAsync(budget);
            if (result.Outcome == IntakeOutcome.Refused)
            {
                status.Refused();
            }

            switch (result.Outcome)
            {
                case IntakeOutcome.Refused:
                    if (result.Status == StatusCodes.Status429TooManyRequests)
                    {
                        var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
                        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    return Reject(result.Status, result.Reason!, result.Problem!);
                case IntakeOutcome.Stored:
                    WebhookLog.Stored(logger, comment.CourseId, "stored");
                    return Acknowledged;
                case IntakeOutcome.AlreadyStored:
                    WebhookLog.Stored(logger, comment.CourseId, "duplicate");
                    return Acknowledged;
                default:
                    return Reject(
                        StatusCodes.Status409Conflict,
                        "duplicate-in-flight",
                        "The same event is being stored by another delivery.");
            }
        }
        catch (OperationCanceledException ex) when (!requestAborted.IsCancellationRequested)
        {
            WebhookLog.StoreFailed(logger, StatusCodes.Status503ServiceUnavailable, "store-timeout", ex);
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable, "unavailable", "The comment could not be stored in time.");
        }
        catch (CommentStoreException ex)
        {
            var status = ex.Failure == StoreFailure.Throttled
                ? StatusCodes.Status429TooManyRequests
                : StatusCodes.Status503ServiceUnavailable;
            WebhookLog.StoreFailed(logger, status, $"store-{ex.Failure.ToString().ToLowerInvariant()}", ex);
            return Problems.Create(status, "unavailable", "The comment could not be stored.");
        }
    }
}
