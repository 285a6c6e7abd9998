using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

/// <summary>
/// Each user's share of the mint budget (<see cref="TokenOptions.UserMintInterval"/>): a fixed-window limiter of one
/// permit per user, partitioned by token id. Idle users' limiters are dropped by the partitioned limiter itself.
/// </summary>
public sealed class UserMintShare : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;

    public UserMintShare(IOptions<TokenOptions> options)
    {
        var window = options.Value.UserMintInterval;
        if (window > TimeSpan.Zero)
        {
            limiter = PartitionedRateLimiter.Create<string, string>(tokenId => RateLimitPartition.GetFixedWindowLimiter(
                tokenId,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = 1, Window = window, QueueLimit = 0, AutoReplenishment = true,
                }));
        }
    }

    /// <summary>Takes the user's mint for the current window.</summary>
    /// <param name="retryAfter">When refused, how long until the user's next window.</param>
    public bool TryTake(string tokenId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limiter is null)
        {
            return true;
        }

        using var lease = limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => limiter?.Dispose();
}
