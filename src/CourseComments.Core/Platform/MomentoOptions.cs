using System.ComponentModel.DataAnnotations;
using CourseComments.Delivery;

namespace CourseComments.Platform;

public enum MomentoMode
{
    /// <summary>The Momento emulator (src/CourseComments.MomentoEmulator) through the same Momento.Sdk adapters, with
    /// <c>MomentoLocalProvider</c>: no account, no network beyond loopback. Refused in Azure.</summary>
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

    [Required, RegularExpression(@"^[A-Za-z0-9_.-]{1,255}\z")]
    public string CacheName { get; set; } = "course-comments";

    [Required, RegularExpression(@"^[A-Za-z0-9_.-]{1,255}\z")]
    public string TopicName { get; set; } = "comment";

    /// <summary>In local mode, the Momento emulator's gRPC listener as <c>host:port</c> (its default is
    /// 127.0.0.1:7072); the SDK reaches it with <c>MomentoLocalProvider(host, port)</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$")]
    public string LocalEndpoint { get; set; } = "127.0.0.1:7072";

    /// <summary>The host part of <see cref="LocalEndpoint"/>.</summary>
    public string LocalHost => LocalEndpoint[..LocalEndpoint.LastIndexOf(':')];

    /// <summary>The port part of <see cref="LocalEndpoint"/>.</summary>
    public int LocalPort => int.Parse(LocalEndpoint[(LocalEndpoint.LastIndexOf(':') + 1)..],
        System.Globalization.CultureInfo.InvariantCulture);
}
