using CourseComments.Comments;
using Microsoft.Extensions.Logging;

namespace CourseComments.Delivery;

/// <summary>Subscription delivery's events: the lease, the subscription and each topic item's outcome. Positions,
/// course ids and codes only: message text is never logged.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 10000, Level = LogLevel.Information, Message = "Took subscriber lease {Slot}")]
    public static partial void LeaseAcquired(ILogger logger, int slot);

    [LoggerMessage(EventId = 10001, Level = LogLevel.Warning,
        Message = "Lost subscriber lease {Slot}: not renewed in time or taken over")]
    public static partial void LeaseLost(ILogger logger, int slot);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Information, Message = "Released subscriber lease {Slot}")]
    public static partial void LeaseReleased(ILogger logger, int slot);

    [LoggerMessage(EventId = 10003, Level = LogLevel.Warning,
        Message = "The subscriber lease could not be checked ({Operation}, {Failure})")]
    public static partial void LeaseStoreFailed(ILogger logger, string operation, StoreFailure failure);

    [LoggerMessage(EventId = 10100, Level = LogLevel.Information,
        Message = "Subscribed to topic {Topic} from {ResumeAt}")]
    public static partial void Subscribed(ILogger logger, string topic, string resumeAt);

    [LoggerMessage(EventId = 10101, Level = LogLevel.Information,
        Message = "The subscription to topic {Topic} ended ({Code}) after a healthy session; resubscribing")]
    public static partial void Ended(ILogger logger, string topic, string code);

    [LoggerMessage(EventId = 10102, Level = LogLevel.Warning,
        Message = "Subscription to topic {Topic} failed ({Code}); attempt {Attempt} in {Delay}")]
    public static partial void Resubscribing(ILogger logger, string topic, string code, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 10103, Level = LogLevel.Error,
        Message = "Subscription to topic {Topic} refused ({Code}): check the API key, cache and topic; "
            + "attempt {Attempt} in {Delay}")]
    public static partial void ResubscribingAfterRefusal(
        ILogger logger, string topic, string code, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 10104, Level = LogLevel.Warning,
        Message = "Discontinuity on topic {Topic}: messages {Lost} lost to this subscriber "
            + "(last known {LastKnown}, next {Next})")]
    public static partial void Discontinuity(ILogger logger, string topic, string lost, ulong lastKnown, string next);

    [LoggerMessage(EventId = 10105, Level = LogLevel.Debug, Message = "Skipped re-delivered topic item {Position}")]
    public static partial void Redelivered(ILogger logger, string position);

    [LoggerMessage(EventId = 10106, Level = LogLevel.Warning,
        Message = "Refused topic item {Position} (reason {Reason})")]
    public static partial void Refused(ILogger logger, string position, string reason);

    [LoggerMessage(EventId = 10107, Level = LogLevel.Error,
        Message = "Gave up storing the comment for course {CourseId}, topic item {Position} ({Reason}); "
            + "it is not stored")]
    public static partial void GaveUp(
        ILogger logger, string courseId, string position, string reason, Exception exception);

    [LoggerMessage(EventId = 10108, Level = LogLevel.Warning,
        Message = "The comment for course {CourseId}, topic item {Position}, is still being stored by another "
            + "subscriber; left to it")]
    public static partial void LeftInFlight(ILogger logger, string courseId, string position);

    [LoggerMessage(EventId = 10109, Level = LogLevel.Warning,
        Message = "Storing the comment for course {CourseId}, topic item {Position}, failed ({Reason}); "
            + "try {Attempt} follows in {Delay}")]
    public static partial void StoreRetrying(
        ILogger logger, string courseId, string position, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 10110, Level = LogLevel.Error,
        Message = "Gave up on the comment for course {CourseId}, topic item {Position}: a try timed out and may still "
            + "land, so it is not written again (never stored twice); it may not be stored")]
    public static partial void OutcomeUnknown(ILogger logger, string courseId, string position);

    [LoggerMessage(EventId = 10200, Level = LogLevel.Error,
        Message = "Subscription delivery met an unexpected failure; it carries on")]
    public static partial void Unexpected(ILogger logger, Exception exception);
}
