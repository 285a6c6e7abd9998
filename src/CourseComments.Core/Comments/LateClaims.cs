using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CourseComments.Comments;

/// <summary>
/// Settles claims whose <c>SetIfNotExists</c> failed or went unanswered: an error answer, the client's deadline
/// (Momento's TIMEOUT_ERROR), or the delivery stopped waiting while the call was in flight. Momento may have applied it
/// all the same, and such a claim would hold its message with nothing pushed until its TTL ends, every later copy
/// answered 409 (the webhook's) or found in flight (the subscription's). Settling costs one read per failed claim.
/// Each claim's value is unique to the chain of tries that wrote it (<see cref="ClaimAttempt"/>), so once the call
/// has landed or never will (<see cref="SettleDelay"/>), the claim is read and released only if it is still that
/// chain's and no later try of the chain took it over and pushed under it: a claim another delivery holds, or one a
/// push may have used, is never touched.
/// </summary>
public sealed partial class LateClaims(ICommentStore store, TimeProvider time, ILogger<LateClaims> logger)
{
    /// <summary>How long after giving up on a claim it is read: Momento.Sdk's calls take no cancellation token, so a
    /// call given up on runs to the SDK's deadline (1.1 s in region, 15 s for the laptop preset used locally); past
    /// that it has been applied or dropped.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(20);

    /// <summary>A claim value no other call writes: 64 random bits as 16 lowercase hex digits.</summary>
    public static string NewValue() => Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>In the background, after <see cref="SettleDelay"/> and once the chain has ended: releases
    /// <paramref name="claimKey"/> when it still holds the value of <paramref name="attempt"/>, whose claim write
    /// failed or went unanswered, and no later try pushed under it.</summary>
    public void Settle(string claimKey, ClaimAttempt attempt) => _ = SettleAsync(claimKey, attempt);

    private async Task SettleAsync(string claimKey, ClaimAttempt attempt)
    {
        try
        {
            await Task.Delay(SettleDelay, time);
            await attempt.Ended;
            if (attempt.PushSent)
            {
                // A later try took the claim over and pushed: the push's settling keeps or releases it.
                return;
            }

            // Read, then delete: no one else writes the chain's value, and the chain has ended.
            if (await store.GetAsync(claimKey, CancellationToken.None) == attempt.Value)
            {
                await store.DeleteAsync(claimKey, CancellationToken.None);
            }
        }
        catch (CommentStoreException ex)
        {
            ReleaseFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "A claim whose write went unanswered could not "
        + "be checked or released; if it landed, duplicates of its event get 409 until the claim expires")]
    private static partial void ReleaseFailed(ILogger logger, Exception exception);
}
