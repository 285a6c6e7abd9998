namespace CourseComments.Comments;

/// <summary>
/// The cache operations comments need, one method per Momento call, so each platform's implementation is a plain
/// translation. Failures surface as <see cref="CommentStoreException"/>; the rules (claims, bounds, TTLs) live in
/// <see cref="CommentWriter"/> and the read endpoint.
/// </summary>
public interface ICommentStore
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> only when absent (first writer
    /// wins).</summary>
    /// <returns>True when this call stored it.</returns>
    Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken);

    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="amount"/> (negative to subtract) to the integer stored under
    /// <paramref name="key"/> (a missing key counts from 0) and sets its TTL: one atomic step, so instances sharing
    /// the store share the count.</summary>
    /// <returns>The count after this call.</returns>
    Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="values"/> (each an item's UTF-8) to the front of the list, <c>values[0]</c>
    /// frontmost (Momento's ListConcatenateFront: one call for any number of values), drops items beyond
    /// <paramref name="maxLength"/> from the back, and refreshes the list's TTL.</summary>
    Task ConcatenateFrontAsync(
        string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="count"/> items, front first, decoded from UTF-8; empty for a missing
    /// list.</summary>
    Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken);
}
