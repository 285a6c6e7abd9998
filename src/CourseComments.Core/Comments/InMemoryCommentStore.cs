using System.Globalization;
using System.Collections.Concurrent;

namespace CourseComments.Comments;

/// <summary>
/// The comment store for local runs and tests: thread-safe, with the same bound, TTL and first-writer-wins
/// semantics as the Momento cache it stands in for. Expired entries are dropped lazily and by a periodic sweep.
/// </summary>
public sealed class InMemoryCommentStore(TimeProvider time) : ICommentStore
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Item> items = new();
    private readonly ConcurrentDictionary<string, CourseList> lists = new();
    private int writesSinceSweep;

    public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        SweepNow();
        var now = time.GetUtcNow();
        var fresh = new Item(value, now + ttl);
        while (true)
        {
            if (items.TryAdd(key, fresh))
            {
                return Task.FromResult(true);
            }

            if (items.TryGetValue(key, out var existing))
            {
                if (existing.ExpiresAt > now)
                {
                    return Task.FromResult(false);
                }

                if (items.TryUpdate(key, fresh, existing))
                {
                    return Task.FromResult(true);
                }
            }
        }
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(items.TryGetValue(key, out var item) && item.ExpiresAt > time.GetUtcNow() ? item.Value : null);

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        items[key] = new Item(value, time.GetUtcNow() + ttl);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        items.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken)
    {
        SweepNow();
        var now = time.GetUtcNow();
        while (true)
        {
            if (!items.TryGetValue(key, out var existing))
            {
                if (items.TryAdd(key, new Item(amount.ToString(CultureInfo.InvariantCulture), now + ttl)))
                {
                    return Task.FromResult(amount);
                }

                continue;
            }

            var count = 0L;
            const NumberStyles Integer = NumberStyles.AllowLeadingSign;
            if (existing.ExpiresAt > now && !long.TryParse(existing.Value, Integer, CultureInfo.InvariantCulture, out count))
            {
                // As Momento answers an increment of a value that is not an integer (FAILED_PRECONDITION).
                throw new CommentStoreException(
                    StoreFailure.Rejected, $"Increment of '{key}': the stored value is not an integer.");
            }

            var next = new Item((count + amount).ToString(CultureInfo.InvariantCulture), now + ttl);
            if (items.TryUpdate(key, next, existing))
            {
                return Task.FromResult(count + amount);
            }
        }
    }

    public Task PushFrontAsync(string listKey, string value, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        SweepNow();
        while (true)
        {
            var list = lists.GetOrAdd(listKey, static _ => new CourseList());
            lock (list)
            {
                // The sweep may have dropped this (expired) list between the lookup and the lock: start again.
                if (lists.TryGetValue(listKey, out var current) && ReferenceEquals(current, list))
                {
                    Push(list, value, maxLength, ttl);
                    return Task.CompletedTask;
                }
            }
        }
    }

    private void Push(CourseList list, string value, int maxLength, TimeSpan ttl)
    {
        var now = time.GetUtcNow();
        if (list.ExpiresAt <= now)
        {
            list.Items.Clear();
        }

        list.Items.Insert(0, value);
        if (list.Items.Count > maxLength)
        {
            list.Items.RemoveRange(maxLength, list.Items.Count - maxLength);
        }

        list.ExpiresAt = now + ttl;
    }

    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken)
    {
        if (!lists.TryGetValue(listKey, out var list))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        lock (list)
        {
            if (list.ExpiresAt <= time.GetUtcNow())
            {
                return Task.FromResult<IReadOnlyList<string>>([]);
            }

            return Task.FromResult<IReadOnlyList<string>>(list.Items.Take(count).ToArray());
        }
    }

    private void SweepNow()
    {
        if (Interlocked.Increment(ref writesSinceSweep) % SweepEvery != 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, item) in items)
        {
            if (item.ExpiresAt <= now)
            {
                items.TryRemove(new KeyValuePair<string, Item>(key, item));
            }
        }

        foreach (var (key, list) in lists)
        {
            lock (list)
            {
                if (list.ExpiresAt <= now)
                {
                    lists.TryRemove(new KeyValuePair<string, CourseList>(key, list));
                }
            }
        }
    }

    private sealed record Item(string Value, DateTimeOffset ExpiresAt);

    private sealed class CourseList
    {
        public List<string> Items { get; } = [];

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
