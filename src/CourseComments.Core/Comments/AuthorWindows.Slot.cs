namespace CourseComments.Comments;

public sealed partial class AuthorWindows
{
    /// <summary>One taken slot in an author's window, or a refusal (<see cref="Admitted"/> false): what
    /// <see cref="TakeAsync"/> hands out, so a comment found to be a copy can give its slot back. A value, not an
    /// object: one is taken per comment.</summary>
    public readonly struct Slot
    {
        private readonly Window? window;

        internal Slot(Window? window, TimeSpan retryAfter)
        {
            this.window = window;
            RetryAfter = retryAfter;
        }

        /// <summary>True when a slot was taken; false when the author's window is used up.</summary>
        public bool Admitted => window is not null;

        /// <summary>How long until the author's next window.</summary>
        public TimeSpan RetryAfter { get; }

        /// <summary>Gives the slot back to this instance (its comment was a copy of one already counted). Once per
        /// slot taken: copies of it share it, so its holder makes sure.</summary>
        public void Return()
        {
            if (window is { } held)
            {
                lock (held)
                {
                    held.Free++;
                }
            }
        }
    }
}
