using System.ComponentModel.DataAnnotations;

namespace CourseComments.Webhooks;

/// <summary>The webhook (section <c>Webhook</c>). Settings: the signing secrets and the longest comment. The rest
/// are fixed values with their reasons, which configuration cannot set (tests shorten some: internal
/// setters).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>Accepted signing secrets, current first; a previous one stays listed while a rotation settles.
    /// Environment variables: <c>Webhook__SigningSecrets__0</c>, <c>Webhook__SigningSecrets__1</c>.</summary>
    public List<string> SigningSecrets { get; set; } = [];

    [Range(1, 4000)]
    public int MaxCommentLength { get; set; } = 1000;

    /// <summary>Largest body read; Momento's messages are at most 4 KB, so 64 KB leaves room for the
    /// envelope.</summary>
    public int MaxBodyBytes { get; } = 64 * 1024;

    /// <summary>Events whose <c>publish_timestamp</c> is older than this are replays: 60 s, as Momento
    /// advises.</summary>
    public TimeSpan FreshnessWindow { get; internal set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far in the future a <c>publish_timestamp</c> may be, for clock skew between Momento and us: 5 s,
    /// well above the skew of NTP-synchronized clocks.</summary>
    public TimeSpan MaxClockSkew { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Budget for the whole request, from the handler's start to the answer: reading the body (a trickled
    /// body is answered 408), the signing-secret read (a cold Key Vault cache) and the store. 4 s: Momento gives up
    /// on a delivery after 5 s and never retries it.</summary>
    public TimeSpan ResponseBudget { get; internal set; } = TimeSpan.FromSeconds(4);
}
