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
    public bool TryAcquire(out TimeSpan retryAfter) => Check(take: true, out retryAfter);

    /// <summary>Whether <see cref="TryAcquire"/> would succeed now, without taking anything.</summary>
    public bool HasRoom(out TimeSpan retryAfter) => Check(take: false, out retryAfter);

    private bool Check(bool take, out TimeSpan retryAfter)
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
                if (take)
                {
                    recentMints.Enqueue(now);
                }

                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = recentMints.Peek() + Window - now;
            return false;
        }
    }
}

/// <summary>A throttle refused a mint: this instance's budget, or (<see cref="UserShareSpent"/>) the user's own
/// share of it. The caller may retry after <see cref="RetryAfter"/>.</summary>
public sealed class MintThrottledException(TimeSpan retryAfter, bool userShareSpent = false)
    : Exception(userShareSpent
        ? "This user's share of token mints is spent."
        : "Token minting is throttled on this instance.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public bool UserShareSpent { get; } = userShareSpent;
}
