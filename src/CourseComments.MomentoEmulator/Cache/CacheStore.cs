using System.Globalization;
using CourseComments.MomentoEmulator.Hosting;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Cache;

/// <summary>The cache named in a call does not exist (Momento answers NOT_FOUND).</summary>
public sealed class CacheNotFoundException(string cache) : Exception($"Cache '{cache}' not found.");

/// <summary>The key holds another kind of item than the call works on (a list read as a scalar, or the reverse),
/// or an increment meets a value that is not a base-10 integer (Momento answers both FAILED_PRECONDITION).</summary>
public sealed class WrongItemTypeException(string message = "The item at this key is of another type.")
    : Exception(message);

/// <summary>
/// Every cache's items in memory, each with an expiry. Expired items are dropped when touched and by <see
/// cref="Sweep"/>
/// (a min-heap of expiries, so no call ever scans the cache); past <see cref="EmulatorOptions.MaxItems"/> or
/// <see cref="EmulatorOptions.MaxBytes"/> the items closest to expiry are evicted. One lock keeps each call atomic
/// (SetIf, push-and-truncate), as Momento's are. An item keeps one place in the heap while it lives: a later expiry
/// (a refreshed list, a rewritten key) is only recorded on the item and its place is moved when the heap reaches it,
/// so busy keys leave no stale places behind for the sweep to clear.
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

    public ByteString? Get(string cache, ByteString key)
    {
        lock (gate)
        {
            var entry = Live(Items(cache), key);
            return entry switch
            {
                null => null,
                { List: not null } => throw new WrongItemTypeException(),
                _ => entry.Value,
            };
        }
    }

    public void Set(string cache, ByteString key, ByteString value, TimeSpan ttl)
    {
        lock (gate)
        {
            Store(cache, Items(cache), key, value, ttl);
        }
    }

    /// <summary>Stores <paramref name="value"/> when <paramref name="condition"/> holds for the current value (null:
    /// no item), atomically.</summary>
    /// <returns>True when stored.</returns>
    public bool SetIf(string cache, ByteString key, ByteString value, TimeSpan ttl, Func<ByteString?, bool> condition)
    {
        lock (gate)
        {
            var items = Items(cache);
            var current = Live(items, key);
            if (current is { List: not null })
            {
                throw new WrongItemTypeException();
            }

            if (!condition(current?.Value))
            {
                return false;
            }

            Store(cache, items, key, value, ttl);
            return true;
        }
    }

    /// <summary>Adds <paramref name="amount"/> to the base-10 integer stored under <paramref name="key"/> (a missing
    /// key counts from 0), stores the result as text with <paramref name="ttl"/>, atomically (Momento's
    /// Increment).</summary>
    /// <returns>The value after the increment.</returns>
    public long Increment(string cache, ByteString key, long amount, TimeSpan ttl)
    {
        lock (gate)
        {
            var items = Items(cache);
            var current = Live(items, key);
            var count = 0L;
            if (current is { List: not null }
                || (current is not null && !long.TryParse(current.Value!.Span, NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out count)))
            {
                throw new WrongItemTypeException("The value at this key is not an integer.");
            }

            var next = count + amount;
            Store(cache, items, key, ByteString.CopyFromUtf8(next.ToString(CultureInfo.InvariantCulture)), ttl);
            return next;
        }
    }

    public void Delete(string cache, ByteString key)
    {
        lock (gate)
        {
            Remove(cache, Items(cache), key);
        }
    }

    /// <summary>Pushes onto the front of a list: <see cref="ListConcatenateFront"/> of one value.</summary>
    /// <returns>The list's length afterwards.</returns>
    public int ListPushFront(string cache, ByteString name, ByteString value, TimeSpan ttl, bool refreshTtl,
        int truncateBackToSize) =>
        ListConcatenateFront(cache, name, [value], ttl, refreshTtl, truncateBackToSize);

    /// <summary>Adds <paramref name="values"/> to the front of a list, <c>values[0]</c> frontmost (made when missing,
    /// with <paramref name="ttl"/>; an existing list's expiry moves only when <paramref name="refreshTtl"/>), then
    /// drops items from the back beyond <paramref name="truncateBackToSize"/> (0: no limit).</summary>
    /// <returns>The list's length afterwards.</returns>
    public int ListConcatenateFront(string cache, ByteString name, IReadOnlyList<ByteString> values, TimeSpan ttl,
        bool refreshTtl, int truncateBackToSize)
    {
        lock (gate)
        {
            var items = Items(cache);
            var entry = Live(items, name);
            if (entry is null)
            {
                entry = new Entry { List = [] };
                Add(cache, items, name, entry, ttl);
            }
            else if (entry.List is null)
            {
                throw new WrongItemTypeException();
            }
            else if (refreshTtl)
            {
                Expire(cache, name, entry, ttl);
            }

            // Stored back-to-front, so adding at the front is appending, the frontmost value last.
            for (var i = values.Count - 1; i >= 0; i--)
            {
                entry.List!.Add(values[i]);
                Resize(entry, values[i].Length + 8);
            }

            if (truncateBackToSize > 0 && entry.List!.Count > truncateBackToSize)
            {
                var dropped = entry.List.Count - truncateBackToSize;
                var droppedBytes = 0L;
                for (var i = 0; i < dropped; i++)
                {
                    droppedBytes += entry.List[i].Length + 8;
                }

                Resize(entry, -droppedBytes);
                entry.List.RemoveRange(0, dropped);
            }

            ChangeCount++;
            EvictBeyondBounds();
            return entry.List.Count;
        }
    }

    /// <summary>Items of a list from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive), front
    /// first; negative indexes count from the end, null means unbounded.</summary>
    /// <returns>The items, or null when there is no such list.</returns>
    public IReadOnlyList<ByteString>? ListFetch(string cache, ByteString name, int? start, int? end)
    {
        lock (gate)
        {
            var entry = Live(Items(cache), name);
            if (entry is null)
            {
                return null;
            }

            var list = entry.List ?? throw new WrongItemTypeException();
            var count = list.Count;
            var from = Math.Clamp(start is int s ? (s < 0 ? count + s : s) : 0, 0, count);
            var to = Math.Clamp(end is int e ? (e < 0 ? count + e : e) : count, 0, count);
            var result = new List<ByteString>(Math.Max(0, to - from));
            for (var i = from; i < to; i++)
            {
                result.Add(list[count - 1 - i]);
            }

            return result;
        }
    }

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

    /// <summary>Sets a scalar: a live scalar at the key is rewritten in place (keeping its place in the expiry heap),
    /// anything else replaced.</summary>
    private void Store(
        string cache, Dictionary<ByteString, Entry> items, ByteString key, ByteString value, TimeSpan ttl)
    {
        if (Live(items, key) is { List: null } entry)
        {
            Resize(entry, value.Length - entry.Value!.Length);
            entry.Value = value;
            Expire(cache, key, entry, ttl);
            ChangeCount++;
            EvictBeyondBounds();
            return;
        }

        Remove(cache, items, key);
        Add(cache, items, key, new Entry { Value = value }, ttl);
    }

    private void Add(string cache, Dictionary<ByteString, Entry> items, ByteString key, Entry entry, TimeSpan ttl)
    {
        entry.Size = EntryOverheadBytes + key.Length + (entry.Value?.Length ?? 0);
        items[key] = entry;
        itemCount++;
        byteCount += entry.Size;
        Expire(cache, key, entry, ttl);
        ChangeCount++;
        EvictBeyondBounds();
    }

    private void Expire(string cache, ByteString key, Entry entry, TimeSpan ttl)
    {
        entry.ExpiresAt = Now + (long)ttl.TotalMilliseconds;
        if (entry.Version != 0 && entry.ExpiresAt >= entry.MarkedAt)
        {
            return; // Its place in the heap comes first; Reschedule moves it there.
        }

        Mark(cache, key, entry);
    }

    private void Mark(string cache, ByteString key, Entry entry)
    {
        entry.Version = ++version;
        entry.MarkedAt = entry.ExpiresAt;
        expiries.Enqueue(new ExpiryMark(cache, key, entry.Version), entry.ExpiresAt);
    }

    /// <summary>The item <paramref name="mark"/> places, when it is still that item's place in the heap.</summary>
    private Entry? Current(ExpiryMark mark) =>
        caches.TryGetValue(mark.Cache, out var items)
        && items.TryGetValue(mark.Key, out var entry)
        && entry.Version == mark.Version
            ? entry
            : null;

    private void Resize(Entry entry, long delta)
    {
        entry.Size += delta;
        byteCount += delta;
    }

    private void Remove(string cache, Dictionary<ByteString, Entry> items, ByteString key)
    {
        if (items.TryGetValue(key, out var entry))
        {
            Drop(items, key, entry);
            ChangeCount++;
        }
    }

    private void Drop(Dictionary<ByteString, Entry> items, ByteString key, Entry entry)
    {
        items.Remove(key);
        itemCount--;
        byteCount -= entry.Size;
    }

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

    /// <summary>Drops an item the heap reached when it is due by <paramref name="dueBy"/>; otherwise its expiry moved
    /// later, and its place moves there.</summary>
    private void DropOrReschedule(ExpiryMark mark, Entry entry, long dueBy)
    {
        if (entry.ExpiresAt > dueBy)
        {
            Mark(mark.Cache, mark.Key, entry);
            return;
        }

        Drop(caches[mark.Cache], mark.Key, entry);
        ChangeCount++;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>An item's place in the expiry heap; stale once the item was replaced or its expiry moved.</summary>
    private readonly record struct ExpiryMark(string Cache, ByteString Key, long Version);

    private sealed class Entry
    {
        public ByteString? Value { get; set; }

        /// <summary>A list's items, back first (so pushing at the front appends).</summary>
        public List<ByteString>? List { get; init; }

        public long ExpiresAt { get; set; }

        /// <summary>Its place in the expiry heap (0: none yet); stale marks carry an older version.</summary>
        public long Version { get; set; }

        /// <summary>The expiry its heap place was given; <see cref="ExpiresAt"/> may since have moved later.</summary>
        public long MarkedAt { get; set; }

        public long Size { get; set; }
    }
}
