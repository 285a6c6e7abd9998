using Google.Protobuf;

namespace CourseComments.MomentoEmulator.Cache;

/// <summary>Item bookkeeping: adding, resizing and dropping items (item and byte counts) and their places in the
/// expiry heap.</summary>
public sealed partial class CacheStore
{
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

    /// <summary>An item's place in the expiry heap; stale once the item was replaced or its expiry moved.</summary>
    private readonly record struct ExpiryMark(string Cache, ByteString Key, long Version);
}
