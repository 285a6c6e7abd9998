using Microsoft.Extensions.Logging;

namespace CourseComments.Webhooks;

/// <summary>One line per delivery with a reason code. Bodies, signatures and secrets are never logged.</summary>
internal static partial class WebhookLog
{
    // Debug, not Information: one line per stored comment is a measurable share of the webhook's cost under load.
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug,
        Message = "Webhook stored a comment for course {CourseId} (reason {Reason})")]
    public static partial void Stored(ILogger logger, string courseId, string reason);

    /// <summary>An expected refusal; <paramref name="omitted"/> identical ones went unlogged before it
    /// (<see cref="Platform.RefusalSampler"/>).</summary>
    [LoggerMessage(
        EventId = 1001,
        Level = LogLevel.Information,
        Message = "Webhook rejected a delivery with {Status} (reason {Reason}; {Omitted} like it not logged)")]
    public static partial void Rejected(ILogger logger, int status, string reason, long omitted);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "Webhook could not store a comment, answered {Status} (reason {Reason})")]
    public static partial void StoreFailed(ILogger logger, int status, string reason, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error,
        Message = "Webhook signing secrets are unavailable (reason {Reason})")]
    public static partial void SecretsUnavailable(ILogger logger, string reason, Exception exception);
}
