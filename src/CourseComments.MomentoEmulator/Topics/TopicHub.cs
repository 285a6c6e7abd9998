using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Options;
using Momento.Protos.CacheClient.Pubsub;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>
/// Every topic's recent messages. Numbers count up from 1 per topic within a sequence page; a topic made afresh (first
/// use, or after it was dropped as the least recently used beyond <see cref="EmulatorOptions.MaxTopics"/>) gets a new,
/// larger page, as Momento's do after a reset. Each topic (<see cref="TopicLog"/>) keeps the last
/// <see cref="EmulatorOptions.TopicResumeBuffer"/> messages for subscribers (<see cref="TopicCursor"/>) that resume or
/// fall behind; older ones are gone (a discontinuity for such subscribers).
/// </summary>
public sealed class TopicHub(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Cache, string Topic), LinkedListNode<TopicLog>> topics = [];
    private readonly LinkedList<TopicLog> leastRecentlyUsed = new();
    private ulong lastPage;

    /// <summary>Appends a message, numbering it; <paramref name="accept"/> runs under the same lock just before, so
    /// what it enqueues (webhook deliveries) keeps the topic's order; when it returns false nothing is
    /// published.</summary>
    /// <returns>The held message, or null when <paramref name="accept"/> refused it.</returns>
    public HeldMessage? Publish(
        string cache, string topic, _TopicValue value, string publisherId, Func<HeldMessage, bool> accept)
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
