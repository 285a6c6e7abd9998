using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

/// <summary>
/// Our own cap on mints, below Momento's 5 auth operations per second per account: at most
/// <see cref="TokenOptions.MaxMintsPerSecond"/> mints in any one-second window, counted on <see cref="TimeProvider"/>.
/// </summary>
public sealed class MintThrottle(TimeProvider time, IOptions<TokenOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Queue<DateTimeOffset> recentMints = new();
    private readonly Lock gate = new();

    /// <param name="retryAfter">When refused, how long until a mint would be allowed.</param>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            while (recentMints.Count > 0 && now - recentMints.Peek() >= Window)
            {
                recentMints.Dequeue();
            }

            if (recentMints.Count < options.Value.MaxMintsPerSecond)
            {
                recentMints.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = recentMints.Peek() + Window - now;
            return false;
        }
    }
}

/// <summary>Our throttle refused a mint; the caller may retry after <see cref="RetryAfter"/>.</summary>
public sealed class MintThrottledException(TimeSpan retryAfter)
    : Exception("Token minting is throttled on this instance.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
