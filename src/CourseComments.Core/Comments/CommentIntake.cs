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

    /// <summary>The author has used up <see cref="IntakeOptions.MaxCommentsPerAuthor"/> in the current window.</summary>
    AuthorRateLimited,
}

/// <summary>The intake decision and, when rate limited, when the author's next window starts.</summary>
public readonly record struct IntakeDecision(IntakeVerdict Verdict, TimeSpan RetryAfter = default);

/// <summary>
/// The rules every delivery path applies before a comment is stored (the webhook today; a topic subscriber alike):
/// <see cref="Screen"/> for blocked authors and the optional course list, then <see cref="CountAsync"/> for a
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

    /// <summary>Counts one comment against the author's current window.</summary>
    /// <exception cref="CommentStoreException">The count could not be kept; nothing may be stored.</exception>
    public async Task<IntakeDecision> CountAsync(string authorId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var window = (long)settings.AuthorWindow.TotalMilliseconds;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowStart = now - (now % window);
        var key = $"{CountPrefix}{windowStart.ToString(CultureInfo.InvariantCulture)}:{authorId}";
        var count = await store.IncrementAsync(key, settings.AuthorWindow, cancellationToken);
        return count <= settings.MaxCommentsPerAuthor
            ? new IntakeDecision(IntakeVerdict.Accepted)
            : new IntakeDecision(IntakeVerdict.AuthorRateLimited, TimeSpan.FromMilliseconds(windowStart + window - now));
    }
}
