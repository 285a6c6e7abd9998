using Microsoft.AspNetCore.Http;

namespace CourseComments.Webhooks;

/// <summary>The replay window: an event is accepted only while its <c>publish_timestamp</c> (the delivery's time) is
/// within <see cref="WebhookOptions.FreshnessWindow"/> before now and <see cref="WebhookOptions.MaxClockSkew"/> after,
/// and its <c>event_timestamp</c> (the message's time) at most a freshness window before that.</summary>
public static class WebhookEventTimes
{
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <returns>Null when the times are acceptable; otherwise the refusal: 400 with the reason code
    /// (<c>stale-event</c>, <c>future-event</c>, <c>invalid-event-timestamp</c>) and its problem text.</returns>
    public static (int Status, string Reason, string Problem)? Check(
        in WebhookEventView evt, DateTimeOffset now, WebhookOptions options)
    {
        var published = DateTimeOffset.FromUnixTimeMilliseconds(
            Math.Clamp(evt.PublishTimestamp, 0, MaxUnixMilliseconds));
        var age = now - published;
        if (age > options.FreshnessWindow)
        {
            return Refuse(
                StatusCodes.Status400BadRequest,
                "stale-event",
                "The event's publish_timestamp is outside the freshness window.");
        }

        if (-age > options.MaxClockSkew)
        {
            return Refuse(
                StatusCodes.Status400BadRequest, "future-event", "The event's publish_timestamp is in the future.");
        }

        // The message was published before this delivery, at most a freshness window earlier. publish_timestamp is
        // near now here, so neither bound can overflow.
        if (evt.EventTimestamp < evt.PublishTimestamp - (long)options.FreshnessWindow.TotalMilliseconds
            || evt.EventTimestamp > evt.PublishTimestamp + (long)options.MaxClockSkew.TotalMilliseconds)
        {
            return Refuse(
                StatusCodes.Status400BadRequest,
                "invalid-event-timestamp",
                "The event's event_timestamp must be in milliseconds, at most the freshness window before "
                + "publish_timestamp.");
        }

        return null;
    }

    private static (int, string, string) Refuse(int status, string reason, string problem) => (status, reason, problem);
}
