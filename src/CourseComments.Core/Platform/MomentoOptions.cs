using System.ComponentModel.DataAnnotations;

namespace CourseComments.Platform;

public enum MomentoMode
{
    /// <summary>The embedded stand-in: no account, no network. Refused in Azure.</summary>
    Local,

    /// <summary>The real Momento service, through the Momento.Sdk adapters.</summary>
    Momento,
}

/// <summary>Which Momento the app talks to, and the cache and topic the comments flow through.</summary>
public sealed class MomentoOptions
{
    public const string Section = "Momento";

    public MomentoMode Mode { get; set; } = MomentoMode.Local;

    [Required, RegularExpression(@"^[A-Za-z0-9_.-]{1,255}\z")]
    public string CacheName { get; set; } = "course-comments";

    [Required, RegularExpression(@"^[A-Za-z0-9_.-]{1,255}\z")]
    public string TopicName { get; set; } = "comment";
}
