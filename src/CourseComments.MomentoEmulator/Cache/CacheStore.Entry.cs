using Google.Protobuf;

namespace CourseComments.MomentoEmulator.Cache;

public sealed partial class CacheStore
{
    /// <summary>One item: a scalar value or a list, with its expiry, its place in the expiry heap and its size in
    /// bytes.</summary>
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
