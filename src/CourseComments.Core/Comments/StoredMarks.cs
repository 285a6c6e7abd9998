using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseComments.Comments;

/// <summary>
/// Turns an event's claim from "pending" to "stored" once its comment is stored, after the delivery was answered:
/// the mark only speeds up later duplicates, so it stays off the delivery's critical path (issue 14: two sequential
/// store calls before the 200). Marks in flight are tracked: a duplicate that reaches this instance meanwhile is
/// known stored, and stopping the host waits for them (<see cref="StopAsync"/>), so none is cut off by a shutdown.
/// </summary>
public sealed partial class StoredMarks(ICommentStore store, ILogger<StoredMarks> logger) : IHostedService
{
    /// <summary>The claim's value once the comment is stored.</summary>
    public const string Value = "stored";

    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);
    private TaskCompletionSource? drained;

    /// <summary>Starts the mark of <paramref name="claimKey"/>, whose comment is stored, and returns at once.</summary>
    public void Begin(string claimKey, TimeSpan ttl)
    {
        inFlight[claimKey] = 0;
        _ = MarkAsync(claimKey, ttl);
    }

    /// <summary>True while the mark of <paramref name="claimKey"/> is in flight here: its comment is stored.</summary>
    public bool IsMarking(string claimKey) => inFlight.ContainsKey(claimKey);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the marks in flight (bounded by the host's shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref drained, done);
        return inFlight.IsEmpty ? Task.CompletedTask : done.Task.WaitAsync(cancellationToken);
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
            if (inFlight.IsEmpty)
            {
                Volatile.Read(ref drained)?.TrySetResult();
            }
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "A stored comment's claim could not be marked "
        + "stored (reason {Reason}); duplicates of its event get 409 until the claim expires")]
    private static partial void MarkFailed(ILogger logger, string reason, Exception exception);
}
