using System.ComponentModel.DataAnnotations;

namespace CourseComments.Comments;

/// <summary>How comments are kept and read (section <c>Comments</c>).</summary>
public sealed class CommentsOptions
{
    public const string Section = "Comments";

    /// <summary>Comments a read returns when it names no <c>limit</c>: 50, a screenful.</summary>
    public const int DefaultReadLimit = 50;

    /// <summary>The largest <c>limit</c> a read may ask for, so one read stays one small response.</summary>
    public const int MaxReadLimit = 100;

    /// <summary>Newest comments kept per course; older ones fall off the back.</summary>
    [Range(1, 10_000)]
    public int MaxPerCourse { get; set; } = 100;

    /// <summary>How long a course's list lives after its last write: 24 h, Momento's limit for an on-demand item
    /// TTL. Not a setting (configuration cannot set it); tests shorten it.</summary>
    public TimeSpan Ttl { get; internal set; } = TimeSpan.FromHours(24);
}
