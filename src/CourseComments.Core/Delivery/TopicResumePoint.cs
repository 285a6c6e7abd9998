using Microsoft.Extensions.Logging;

namespace CourseComments.Delivery;

/// <summary>
/// Where <see cref="TopicRelay"/> stands in the topic's stream: <see cref="Next"/> is where a resubscribe resumes.
/// Items before it are re-deliveries (skipped, counted as duplicates); gaps, reported by Momento or seen in the
/// numbers, are logged and counted.
/// </summary>
internal sealed class TopicResumePoint(DeliveryStatus status, string topicName, ILogger logger)
{
    /// <summary>The position after the last item handled (stored, refused or given up), or after a reported gap.
    /// Null until the first item, when a subscription starts at the newest messages.</summary>
    public TopicPosition? Next { get; private set; }

    /// <summary>Moves past <paramref name="position"/>, reporting any gap it skips.</summary>
    /// <returns>False when the item was handled already (a re-delivery): skip it.</returns>
    public bool TryAdvancePast(TopicPosition position)
    {
        if (Next is { } expected)
        {
            if (position.Page < expected.Page || (position.Page == expected.Page && position.Number < expected.Number))
            {
                status.Duplicate();
                DeliveryLog.Redelivered(logger, position.ToString());
                return false;
            }

            if (position.Page == expected.Page && position.Number > expected.Number && expected.Number > 0)
            {
                // A gap Momento did not report: it says the absence of a discontinuity proves nothing.
                Gap(expected.Number - 1, position);
            }
        }

        Next = position with { Number = position.Number + 1 };
        return true;
    }

    /// <summary>Messages after <paramref name="lastKnownNumber"/> and before <paramref name="next"/> are lost here
    /// (or the topic was reset): logs and counts them, and resumes at <paramref name="next"/> unless that lies
    /// behind.</summary>
    public void Gap(ulong lastKnownNumber, TopicPosition next)
    {
        status.Discontinuity();
        var lost = Next is { } current && current.Page != next.Page
            ? $"after {lastKnownNumber} on page {current.Page} (topic reset)"
            : next.Number > lastKnownNumber + 1 ? $"{lastKnownNumber + 1}-{next.Number - 1}" : "none";
        DeliveryLog.Discontinuity(logger, topicName, lost, lastKnownNumber, next.ToString());
        if (Next is not { } expected
            || next.Page > expected.Page
            || (next.Page == expected.Page && next.Number > expected.Number))
        {
            Next = next;
        }
    }
}
