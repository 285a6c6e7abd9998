using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseComments.Comments;

/// <summary>
/// Turns an event's claim from "pending" to "stored" once its comment is stored, after the delivery was answered:
/// the mark only speeds up later duplicates, so it stays off the delivery's critical path (issue 14: two sequential
/// store calls before the 200). Marks in flight are tracked: a duplicate that reaches this instance meanwhile is
/// known stored, and stopping the host waits for them (<see cref="StopAsync"/>), so none is cut off by a shutdown.
/// A push the delivery gave up on is settled here too (<see cref="Settle"/>): marked once it lands, released once
/// it fails.
/// </summary>
public sealed partial class StoredMarks(ICommentStore store, ILogger<StoredMarks> logger) : IHostedService
{
    /// <summary>The claim's value once the comment is stored.</summary>
    public const string Value = "stored";

    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);
    private int running;
    private TaskCompletionSource? drained;

    /// <summary>Starts the mark of <paramref name="claimKey"/>, whose comment is stored, and returns at once.</summary>
    public void Begin(string claimKey, TimeSpan ttl)
    {
        inFlight[claimKey] = 0;
        Interlocked.Increment(ref running);
        _ = MarkAsync(claimKey, ttl);
    }

    /// <summary>Waits, in the background, for a <paramref name="push"/> whose delivery stopped waiting: once it
    /// lands, <paramref name="claimKey"/> is marked stored; once it fails, the claim is released, so a redelivery can
    /// store the comment (never twice).</summary>
    public void Settle(string claimKey, Task push, TimeSpan ttl)
    {
        Interlocked.Increment(ref running);
        _ = SettleAsync(claimKey, push, ttl);
    }

    /// <summary>True while the mark of <paramref name="claimKey"/> is in flight here: its comment is stored.</summary>
    public bool IsMarking(string claimKey) => inFlight.ContainsKey(claimKey);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the marks in flight (bounded by the host's shutdown timeout). Settlements are not waited
    /// for: one cut off leaves its claim "pending" until its TTL, which is safe, and its push may outlast any
    /// shutdown budget.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        while (!inFlight.IsEmpty && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes once no mark or settlement is in flight.</summary>
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

    private async Task SettleAsync(string claimKey, Task push, TimeSpan ttl)
    {
        try
        {
            await push;
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

            Finished();
            return;
        }

        inFlight[claimKey] = 0;
        await MarkAsync(claimKey, ttl);
    }

    private async Task MarkAsync(string claimKey, TimeSpan ttl)
    {
        try
        {
            // No cancellation: the request that stored the comment may be over already; the SDK's deadline bounds it.
            await store.SetAsync(claimKey, Value, ttl, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The claim stays "pending" until its TTL: a duplicate is refused (409), never stored twice.
            var reason = ex is CommentStoreException failed
                ? $"store-{failed.Failure.ToString().ToLowerInvariant()}"
                : "error";
            MarkFailed(logger, reason, ex);
        }
        finally
        {
            inFlight.TryRemove(claimKey, out _);
            Finished();
        }
    }

    private void Finished()
    {
        if (Interlocked.Decrement(ref running) == 0)
        {
            Volatile.Read(ref drained)?.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "The claim of a comment whose push failed after "
        + "its delivery was answered could not be released; duplicates of its event get 409 until the claim expires")]
    private static partial void ReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "A stored comment's claim could not be marked "
        + "stored (reason {Reason}); duplicates of its event get 409 until the claim expires")]
    private static partial void MarkFailed(ILogger logger, string reason, Exception exception);
}
