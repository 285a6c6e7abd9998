using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Options;
using Momento.Protos.CacheClient.Pubsub;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>A published message as a topic holds it.</summary>
public sealed record HeldMessage(ulong SequenceNumber, _TopicValue Value, string PublisherId,
    DateTimeOffset PublishedAt);

/// <summary>
/// Every topic's recent messages. Numbers count up from 1 per topic within a sequence page; a topic made afresh (first
/// use, or after it was dropped as the least recently used beyond <see cref="EmulatorOptions.MaxTopics"/>) gets a new,
/// larger page, as Momento's do after a reset. Each topic keeps the last <see
/// cref="EmulatorOptions.TopicResumeBuffer"/>
/// messages for subscribers that resume or fall behind; older ones are gone (a discontinuity for such subscribers).
/// </summary>
public sealed class TopicHub(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Cache, string Topic), LinkedListNode<TopicLog>> topics = [];
    private readonly LinkedList<TopicLog> leastRecentlyUsed = new();
    private ulong lastPage;

    /// <summary>Appends a message, numbering it; <paramref name="accept"/> runs under the same lock just before, so
    /// what
    /// it enqueues (webhook deliveries) keeps the topic's order; when it returns false nothing is published.</summary>
    /// <returns>The held message, or null when <paramref name="accept"/> refused it.</returns>
    public HeldMessage? Publish(string cache, string topic, _TopicValue value, string publisherId, Func<HeldMessage,
        bool> accept)
    {
        lock (gate)
        {
            var log = Touch(cache, topic);
            var message = new HeldMessage(log.NextSequenceNumber, value, publisherId, time.GetUtcNow());
            if (!accept(message))
            {
                return null;
            }

            log.Append(message);
            return message;
        }
    }

    /// <summary>Starts reading a topic for a subscriber, from where it asks to resume (0: only new messages).</summary>
    public TopicCursor Subscribe(string cache, string topic, ulong resumeAtSequenceNumber, ulong sequencePage)
    {
        lock (gate)
        {
            var log = Touch(cache, topic);
            log.Subscribers++;
            var cursor = new TopicCursor(this, log, log.NextSequenceNumber);
            if (resumeAtSequenceNumber == 0)
            {
                return cursor;
            }

            var samePage = sequencePage == 0 || sequencePage == log.Page;
            if (samePage && resumeAtSequenceNumber >= log.OldestHeld
                && resumeAtSequenceNumber <= log.NextSequenceNumber)
            {
                cursor.Next = resumeAtSequenceNumber;
                return cursor;
            }

            // The resume point is gone (too old, or on a page this topic no longer has): say so, then carry on from
            // the oldest message still held.
            cursor.Next = log.OldestHeld;
            cursor.PendingGap = new _Discontinuity
            {
                LastTopicSequence = resumeAtSequenceNumber - 1,
                NewTopicSequence = log.OldestHeld,
                NewSequencePage = log.Page,
            };
            return cursor;
        }
    }

    internal void Read(TopicCursor cursor, List<HeldMessage> into, out Task published)
    {
        lock (gate)
        {
            var log = cursor.Log;
            if (cursor.Next < log.OldestHeld)
            {
                cursor.PendingGap = new _Discontinuity
                {
                    LastTopicSequence = cursor.Next - 1,
                    NewTopicSequence = log.OldestHeld,
                    NewSequencePage = log.Page,
                };
                cursor.Next = log.OldestHeld;
            }

            log.CopyFrom(cursor.Next, into);
            cursor.Next += (ulong)into.Count;
            published = log.Published.Task;
        }
    }

    internal void Unsubscribe(TopicLog log)
    {
        lock (gate)
        {
            log.Subscribers--;
        }
    }

    private TopicLog Touch(string cache, string topic)
    {
        if (topics.TryGetValue((cache, topic), out var node))
        {
            leastRecentlyUsed.Remove(node);
            leastRecentlyUsed.AddLast(node);
            return node.Value;
        }

        lastPage = Math.Max(lastPage + 1, (ulong)time.GetUtcNow().ToUnixTimeMilliseconds());
        var log = new TopicLog(cache, topic, lastPage, options.Value.TopicResumeBuffer);
        topics[(cache, topic)] = leastRecentlyUsed.AddLast(log);
        DropIdleBeyondLimit();
        return log;
    }

    private void DropIdleBeyondLimit()
    {
        var candidate = leastRecentlyUsed.First;
        while (topics.Count > options.Value.MaxTopics && candidate is not null)
        {
            var next = candidate.Next;
            if (candidate.Value.Subscribers == 0 && candidate != leastRecentlyUsed.Last)
            {
                topics.Remove((candidate.Value.Cache, candidate.Value.Topic));
                leastRecentlyUsed.Remove(candidate);
            }

            candidate = next;
        }
    }
}

/// <summary>One topic: its page, the next number and a ring of the last messages.</summary>
internal sealed class TopicLog(string cache, string topic, ulong page, int capacity)
{
    private readonly HeldMessage[] ring = new HeldMessage[capacity];
    private int count;

    public string Cache { get; } = cache;

    public string Topic { get; } = topic;

    public ulong Page { get; } = page;

    public ulong NextSequenceNumber { get; private set; } = 1;

    public ulong OldestHeld => NextSequenceNumber - (ulong)count;

    public int Subscribers { get; set; }

    /// <summary>Completed (and replaced) on every publish: what idle subscribers wait on.</summary>
    public TaskCompletionSource Published { get; private set; } = NewSignal();

    public void Append(HeldMessage message)
    {
        ring[(int)(message.SequenceNumber % (ulong)ring.Length)] = message;
        count = Math.Min(count + 1, ring.Length);
        NextSequenceNumber++;
        var published = Published;
        Published = NewSignal();
        published.SetResult();
    }

    public void CopyFrom(ulong from, List<HeldMessage> into)
    {
        for (var number = from; number < NextSequenceNumber; number++)
        {
            into.Add(ring[(int)(number % (ulong)ring.Length)]);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

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
