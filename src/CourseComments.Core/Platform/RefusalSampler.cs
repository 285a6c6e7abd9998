using System.Collections.Concurrent;

namespace CourseComments.Platform;

/// <summary>
/// Keeps expected refusals (bad signatures, throttled callers) from flooding the logs: of identical refusals (same
/// kind, e.g. <c>webhook:403:signature-invalid</c>) only the first in each <see cref="Window"/> is logged, carrying
/// how many were left out since the last one logged. Kinds are reason codes, a small fixed set, so memory is bounded.
/// </summary>
public sealed class RefusalSampler(TimeProvider time)
{
    /// <summary>At most one line per kind of refusal in this long.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Tally> tallies = new(StringComparer.Ordinal);

    /// <param name="kind">What was refused and why, as fixed reason codes: never caller-supplied text.</param>
    /// <param name="omitted">When true is returned: identical refusals not logged since the last one that was.</param>
    /// <returns>Whether to log this refusal.</returns>
    public bool ShouldLog(string kind, out long omitted)
    {
        var tally = tallies.GetOrAdd(kind, static _ => new Tally());
        var now = time.GetUtcNow();
        lock (tally)
        {
            if (tally.LoggedAt is { } last && now - last < Window)
            {
                tally.Omitted++;
                omitted = 0;
                return false;
            }

            omitted = tally.Omitted;
            tally.Omitted = 0;
            tally.LoggedAt = now;
            return true;
        }
    }

    private sealed class Tally
    {
        public DateTimeOffset? LoggedAt { get; set; }

        public long Omitted { get; set; }
    }
}
