namespace CourseComments.MomentoEmulator.Topics;

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
