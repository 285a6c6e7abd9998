namespace CourseComments.MomentoEmulator.Cache;

/// <summary>Cache management (create, delete, list), usage figures and expiry sweeps.</summary>
public sealed partial class CacheStore
{
    private const int SweepBatch = 10_000;

    public bool CacheExists(string cache)
    {
        lock (gate)
        {
            return caches.ContainsKey(cache);
        }
    }

    /// <returns>False when the cache already exists.</returns>
    public bool CreateCache(string cache)
    {
        lock (gate)
        {
            return caches.TryAdd(cache, []);
        }
    }

    /// <exception cref="CacheNotFoundException">No such cache.</exception>
    public void DeleteCache(string cache)
    {
        lock (gate)
        {
            foreach (var (key, entry) in Items(cache).ToList())
            {
                Drop(caches[cache], key, entry);
            }

            caches.Remove(cache);
            ChangeCount++;
        }
    }

    public IReadOnlyList<string> ListCaches()
    {
        lock (gate)
        {
            return [.. caches.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Item count and bytes held now (expired items not yet swept included).</summary>
    public (long Items, long Bytes) Usage()
    {
        lock (gate)
        {
            return (itemCount, byteCount);
        }
    }

    /// <summary>Places held in the expiry heap, stale ones included: what the heap costs in memory.</summary>
    internal int ExpiryMarks
    {
        get
        {
            lock (gate)
            {
                return expiries.Count;
            }
        }
    }

    /// <summary>Drops expired items, oldest expiry first, at most a batch per call so the lock is held briefly;
    /// rebuilds the expiry heap when stale marks (deleted or retyped items, shortened expiries) outnumber live items,
    /// which rewrites and refreshes alone never cause.</summary>
    /// <returns>How many items were dropped.</returns>
    public int Sweep()
    {
        lock (gate)
        {
            var before = itemCount;
            var now = Now;
            for (var i = 0; i < SweepBatch && expiries.TryPeek(out _, out var expiresAt) && expiresAt <= now; i++)
            {
                var mark = expiries.Dequeue();
                if (Current(mark) is { } entry)
                {
                    DropOrReschedule(mark, entry, dueBy: now);
                }
            }

            if (expiries.Count > (2 * itemCount) + 1024)
            {
                expiries.Clear();
                foreach (var (cache, items) in caches)
                {
                    foreach (var (key, entry) in items)
                    {
                        Mark(cache, key, entry);
                    }
                }
            }

            return (int)(before - itemCount);
        }
    }
}
