using System.Collections.Concurrent;
using CourseComments.Comments;

namespace CourseComments.Benchmarks;

/// <summary>
/// A comment store that answers every call at once from memory, for measuring what the app itself costs per event
/// (time and allocations) apart from Momento.Sdk's gRPC transport and the emulator. Benchmarks only: the app and its
/// tests always run the Momento.Sdk adapters.
/// </summary>
internal sealed class AnsweredStore : ICommentStore
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);
    private static readonly Task<string?> Missing = Task.FromResult<string?>(null);
    private static readonly Task<IReadOnlyList<string>> Empty = Task.FromResult<IReadOnlyList<string>>([]);

    private readonly ConcurrentDictionary<string, string> items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public Task<bool> SetIfNotExistsAsync(
        string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
        items.TryAdd(key, value) ? True : False;

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        items.TryGetValue(key, out var value) ? Task.FromResult<string?>(value) : Missing;

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        items[key] = value;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        items.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken) =>
        Task.FromResult(counts.AddOrUpdate(key, amount, (_, count) => count + amount));

    // The pushed item is dropped: kept, the lists would grow with every invocation and be measured too.
    public Task ConcatenateFrontAsync(
        string listKey,
        IReadOnlyList<byte[]> values,
        int maxLength,
        TimeSpan ttl,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
        Empty;

    /// <summary>Forgets the claims and counts, so the next round of events is new again.</summary>
    public void Clear()
    {
        items.Clear();
        counts.Clear();
    }
}
