using Microsoft.Extensions.Logging;

namespace CourseComments.Comments;

/// <summary>
/// Settles pushes their delivery stopped waiting for (its budget ran out, or it was cancelled): a store call cannot
/// be recalled once sent, so the push may still land. Its claim is therefore kept until the outcome is known, then
/// kept for good when the push landed (the comment is stored) or released when it failed (a redelivery may then store
/// it, once). Releasing at once instead let a late push and a redelivery both store the comment.
/// </summary>
public sealed partial class LatePushes(ICommentStore store, ILogger<LatePushes> logger)
{
    private int running;
    private TaskCompletionSource? drained;

    /// <summary>Waits, in the background, for <paramref name="push"/>; releases <paramref name="claimKey"/> when it
    /// fails.</summary>
    public void Settle(string claimKey, Task push)
    {
        Interlocked.Increment(ref running);
        _ = SettleAsync(claimKey, push);
    }

    /// <summary>Completes once no settlement is in flight.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        var done = Volatile.Read(ref drained);
        if (done is null || done.Task.IsCompleted)
        {
            Interlocked.CompareExchange(
                ref drained, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), done);
            done = Volatile.Read(ref drained)!;
        }

        return Volatile.Read(ref running) == 0 ? Task.CompletedTask : done.Task.WaitAsync(cancellationToken);
    }

    private async Task SettleAsync(string claimKey, Task push)
    {
        try
        {
            await push;
        }
        catch (CommentStoreException ex) when (ex.OutcomeUnknown)
        {
            // May have landed all the same: the claim is kept (its TTL ends it), as for a push that never settles.
        }
        catch (Exception)
        {
            try
            {
                await store.DeleteAsync(claimKey, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The claim expires with its TTL; until then a redelivery is answered 409, never acknowledged.
                ReleaseFailed(logger, ex);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref running) == 0)
            {
                Volatile.Read(ref drained)?.TrySetResult();
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "The claim of a comment whose push failed after "
        + "its delivery was answered could not be released; duplicates of its event get 409 until the claim expires")]
    private static partial void ReleaseFailed(ILogger logger, Exception exception);
}
