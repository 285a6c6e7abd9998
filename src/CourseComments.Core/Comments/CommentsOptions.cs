using System.ComponentModel.DataAnnotations;

namespace CourseComments.Comments;

public sealed class CommentsOptions
{
    public const string Section = "Comments";

    /// <summary>Newest comments kept per course; older ones fall off the back.</summary>
    [Range(1, 10_000)]
    public int MaxPerCourse { get; set; } = 100;

    /// <summary>How long a course's list lives after its last write (Momento's on-demand item TTL limit is 24
    /// h).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    [Range(1, 100)]
    public int DefaultReadLimit { get; set; } = 50;

    [Range(1, 100)]
    public int MaxReadLimit { get; set; } = 100;
}
