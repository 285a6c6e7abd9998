using System.Globalization;
using Microsoft.Extensions.Options;

namespace CourseComments.Comments;

public enum IntakeVerdict
{
    Accepted,

    /// <summary>The author is on <see cref="IntakeOptions.BlockedAuthors"/>.</summary>
    AuthorBlocked,

    /// <summary><see cref="IntakeOptions.AllowedCourses"/> is set and does not list the course.</summary>
    UnknownCourse,

    /// <summary>The author has used up <see cref="IntakeOptions.MaxCommentsPerAuthor"/> in the current
    /// window.</summary>
    AuthorRateLimited,
}

/// <summary>The intake decision and, when rate limited, when the author's next window starts.</summary>
public readonly record struct IntakeDecision(IntakeVerdict Verdict, TimeSpan RetryAfter = default);

/// <summary>
/// The rules every delivery path applies before a comment is stored (the webhook today; a topic subscriber alike):
/// <see cref="Screen"/> for blocked authors and the optional course list, then <see cref="Count"/> for a
/// per-author fixed-window count kept in the comment store (key
/// <c>comment-count:&lt;window start, Unix ms&gt;:&lt;author&gt;</c>), so every instance shares it.
/// </summary>
public sealed class CommentIntake(ICommentStore store, IOptionsMonitor<IntakeOptions> options, TimeProvider time)
{
    private const string CountPrefix = "comment-count:";

    /// <summary>The rules that need no store: the deny list and the course list, as currently configured.</summary>
    public IntakeDecision Screen(string authorId, string courseId)
    {
        var settings = options.CurrentValue;
        if (settings.BlockedAuthors.Contains(authorId, StringComparer.Ordinal))
        {
            return new IntakeDecision(IntakeVerdict.AuthorBlocked);
        }

        return settings.AllowedCourses.Count > 0 && !settings.AllowedCourses.Contains(courseId, StringComparer.Ordinal)
            ? new IntakeDecision(IntakeVerdict.UnknownCourse)
            : new IntakeDecision(IntakeVerdict.Accepted);
    }

    /// <summary>Counting one comment against <paramref name="authorId"/>'s current window, for
    /// <see cref="CommentWriter"/>; after it ran, <see cref="AuthorCount.Decision"/> says whether it was
    /// admitted.</summary>
    public AuthorCount Count(string authorId) => new(this, authorId);

    private async Task<IntakeDecision> CountAsync(string key, long amount, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var window = (long)settings.AuthorWindow.TotalMilliseconds;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var count = await store.IncrementAsync(key, amount, settings.AuthorWindow, cancellationToken);
        var windowEnd = now - (now % window) + window;
        return count <= settings.MaxCommentsPerAuthor
            ? new IntakeDecision(IntakeVerdict.Accepted)
            : new IntakeDecision(IntakeVerdict.AuthorRateLimited, TimeSpan.FromMilliseconds(windowEnd - now));
    }

    private string CountKey(string authorId)
    {
        var window = (long)options.CurrentValue.AuthorWindow.TotalMilliseconds;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return $"{CountPrefix}{(now - (now % window)).ToString(CultureInfo.InvariantCulture)}:{authorId}";
    }

    /// <summary>One comment counted against its author's fixed window (key fixed when created, so an undo lands in
    /// the same window).</summary>
    public sealed class AuthorCount : ICommentAdmission
    {
        private readonly CommentIntake intake;
        private readonly string key;

        internal AuthorCount(CommentIntake intake, string authorId)
        {
            this.intake = intake;
            key = intake.CountKey(authorId);
        }

        /// <summary>Accepted until <see cref="AdmitAsync"/> ran and refused.</summary>
        public IntakeDecision Decision { get; private set; } = new(IntakeVerdict.Accepted);

        public async Task<bool> AdmitAsync(CancellationToken cancellationToken)
        {
            Decision = await intake.CountAsync(key, 1, cancellationToken);
            return Decision.Verdict == IntakeVerdict.Accepted;
        }

        public Task UndoAsync(CancellationToken cancellationToken) => intake.CountAsync(key, -1, cancellationToken);
    }
}
