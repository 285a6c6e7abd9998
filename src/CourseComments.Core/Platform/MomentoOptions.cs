using System.ComponentModel.DataAnnotations;
using CourseComments.Delivery;

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

    /// <summary>How published comments reach the store: this app's own topic subscription (works with every
    /// account) or Momento's webhook (accounts that have one). See docs/delivery.md.</summary>
    [EnumDataType(typeof(DeliveryMode))]
    public DeliveryMode Delivery { get; set; } = DeliveryMode.Subscription;

    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,255}$")]
    public string CacheName { get; set; } = "course-comments";

    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,255}$")]
    public string TopicName { get; set; } = "comment";
}
