namespace CourseComments.Comments;

public sealed partial class AuthorWindows
{
    /// <summary>One author's current window at this instance: the slots it holds and the refill in flight; locked
    /// while read or changed.</summary>
    internal sealed class Window(long start)
    {
        public long Start { get; } = start;

        /// <summary>Slots taken from the shared count and not yet used.</summary>
        public int Free { get; set; }

        /// <summary>The limit in force at this instance's last refill.</summary>
        public int GrantedUnder { get; set; }

        /// <summary>The shared count after this instance's last refill.</summary>
        public long Counted { get; set; }

        /// <summary>The limit at which the shared count was found exhausted (no slot left to take in this window), or
        /// 0; a limit raised since (a reloaded setting) lets the window take slots again.</summary>
        public int ExhaustedAt { get; set; }

        /// <summary>The refill in flight, if any.</summary>
        public Task? Refill { get; set; }

        private int Refills { get; set; }

        /// <summary>1, 2, 4, … up to <see cref="MaxBlock"/>, and at most a quarter of what the last refill
        /// left.</summary>
        public int NextBlock(int limit)
        {
            var doubling = Math.Min(MaxBlock, 1 << Math.Min(Refills++, 5));
            return (int)Math.Max(1, Math.Min(doubling, (limit - Counted) / 4));
        }
    }
}
