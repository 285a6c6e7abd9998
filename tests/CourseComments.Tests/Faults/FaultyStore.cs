using CourseComments.Comments;

namespace CourseComments.Tests.Faults;

/// <summary>
/// The real in-memory store behind a switchable fault: before each operation reaches the store, <see cref="Fault"/>
/// (when set) runs and may throw, hang or wait for the test. A fault that throws means the operation did not happen.
/// </summary>
internal sealed class FaultyStore(TimeProvider clock) : ICommentStore
{
    private readonly InMemoryCommentStore inner = new(clock);

    /// <summary>Runs before every operation with the operation's name and cancellation token.</summary>
    public Func<StoreOperation, CancellationToken, Task>? Fault { get; set; }

    public async Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(StoreOperation.Claim, cancellationToken);
        return await inner.SetIfNotExistsAsync(key, value, ttl, cancellationToken);
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await InjectAsync(StoreOperation.ReadClaim, cancellationToken);
        return await inner.GetAsync(key, cancellationToken);
    }

    public async Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(StoreOperation.ConfirmClaim, cancellationToken);
        await inner.SetAsync(key, value, ttl, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await InjectAsync(StoreOperation.ReleaseClaim, cancellationToken);
        await inner.DeleteAsync(key, cancellationToken);
    }

    public async Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(StoreOperation.Count, cancellationToken);
        return await inner.IncrementAsync(key, amount, ttl, cancellationToken);
    }

    public async Task PushFrontAsync(string listKey, string value, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(StoreOperation.Push, cancellationToken);
        await inner.PushFrontAsync(listKey, value, maxLength, ttl, cancellationToken);
    }

    // Reads back are never faulted: the tests use them to see what was really stored.
    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
        inner.FetchAsync(listKey, count, cancellationToken);

    private Task InjectAsync(StoreOperation operation, CancellationToken cancellationToken) =>
        Fault?.Invoke(operation, cancellationToken) ?? Task.CompletedTask;
}

public enum StoreOperation
{
    Claim,
    ReadClaim,
    ConfirmClaim,
    ReleaseClaim,
    Push,
    Count,
}
