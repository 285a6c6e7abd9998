namespace CourseComments.MomentoEmulator.Cache;

/// <summary>The snapshot file's content: caches and their items (lists stored back first, as held).</summary>
public sealed record CacheSnapshot(IReadOnlyList<CacheSnapshot.CacheData> Caches)
{
    /// <summary>One cache and its live items.</summary>
    public sealed record CacheData(string Name, IReadOnlyList<ItemData> Items);

    /// <summary>One item: a scalar <paramref name="Value"/> or a <paramref name="List"/> (back first), with its
    /// expiry in Unix milliseconds.</summary>
    public sealed record ItemData(byte[] Key, byte[]? Value, byte[][]? List, long ExpiresAtUnixMilliseconds);
}
