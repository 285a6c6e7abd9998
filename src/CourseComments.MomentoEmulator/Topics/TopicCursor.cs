using Momento.Protos.CacheClient.Pubsub;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>A subscriber's place in a topic; dispose it when the subscription ends.</summary>
public sealed class TopicCursor : IDisposable
{
    private readonly TopicHub hub;
    private bool disposed;

    internal TopicCursor(TopicHub hub, TopicLog log, ulong next)
    {
        this.hub = hub;
        Log = log;
        Next = next;
    }

    internal TopicLog Log { get; }

    /// <summary>The number of the next message this subscriber gets.</summary>
    public ulong Next { get; internal set; }

    /// <summary>The topic's sequence page.</summary>
    public ulong Page => Log.Page;

    /// <summary>A gap to report before the next messages (set when the resume point or a slow read lost
    /// messages).</summary>
    public _Discontinuity? PendingGap { get; internal set; }

    /// <summary>Messages published since the last read, in order; when none, <paramref name="published"/> completes at
    /// the next publish.</summary>
    public void Read(List<HeldMessage> into, out Task published) => hub.Read(this, into, out published);

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            hub.Unsubscribe(Log);
        }
    }
}
