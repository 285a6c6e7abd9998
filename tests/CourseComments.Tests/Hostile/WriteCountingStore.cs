using CourseComments.Comments;

namespace CourseComments.Tests.Hostile;

/// <summary>The real in-memory store, counting every write that reaches it: a rejected request must cause none.</summary>
internal sealed class WriteCountingStore(TimeProvider clock) : ICommentStore
{
    private readonly InMemoryCommentStore inner = new(clock);
    private int writes;

    public int Writes => Volatile.Read(ref writes);

    public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.SetIfNotExistsAsync(key, value, ttl, cancellationToken);
    }

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.SetAsync(key, value, ttl, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task PushFrontAsync(string listKey, string value, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.PushFrontAsync(listKey, value, maxLength, ttl, cancellationToken);
    }

    public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.IncrementAsync(key, amount, ttl, cancellationToken);
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
        inner.FetchAsync(listKey, count, cancellationToken);
}
