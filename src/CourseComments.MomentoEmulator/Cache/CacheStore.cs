using CourseComments.MomentoEmulator.Hosting;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Cache;

/// <summary>
/// Every cache's items in memory, each with an expiry. Expired items are dropped when touched and by
/// <see cref="Sweep"/> (a min-heap of expiries, so no call ever scans the cache); past
/// <see cref="EmulatorOptions.MaxItems"/> or <see cref="EmulatorOptions.MaxBytes"/> the items closest to expiry are
/// evicted. One lock keeps each call atomic (SetIf, push-and-truncate), as Momento's are. An item keeps one place in
/// the heap while it lives: a later expiry (a refreshed list, a rewritten key) is only recorded on the item and its
/// place is moved when the heap reaches it, so busy keys leave no stale places behind for the sweep to clear.
/// </summary>
public sealed partial class CacheStore(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private const int EntryOverheadBytes = 64;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<ByteString, Entry>> caches =
        options.Value.Caches.Distinct(StringComparer.Ordinal).ToDictionary(name => name, _ =>
            new Dictionary<ByteString, Entry>());

    private readonly PriorityQueue<ExpiryMark, long> expiries = new();
    private long itemCount;
    private long byteCount;
    private long version;

    /// <summary>Changes since the last snapshot was taken.</summary>
    public long ChangeCount { get; private set; }

    private Dictionary<ByteString, Entry> Items(string cache) =>
        caches.TryGetValue(cache, out var items) ? items : throw new CacheNotFoundException(cache);

    private Entry? Live(Dictionary<ByteString, Entry> items, ByteString key)
    {
        if (!items.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > Now)
        {
            return entry;
        }

        Drop(items, key, entry);
        return null;
    }

    /// <summary>Evicts the items closest to expiry while the store holds more than its bounds allow.</summary>
    private void EvictBeyondBounds()
    {
        while ((itemCount > options.Value.MaxItems || byteCount > options.Value.MaxBytes) && expiries.TryDequeue(
            out var mark, out _))
        {
            if (Current(mark) is { } entry)
            {
                DropOrReschedule(mark, entry, dueBy: entry.MarkedAt);
            }
        }
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();
}
