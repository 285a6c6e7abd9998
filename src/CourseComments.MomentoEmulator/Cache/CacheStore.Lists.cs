using Google.Protobuf;

namespace CourseComments.MomentoEmulator.Cache;

/// <summary>List items: pushes at the front (with truncation at the back) and range fetches.</summary>
public sealed partial class CacheStore
{
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
}
