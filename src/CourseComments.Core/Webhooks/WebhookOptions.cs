using System.ComponentModel.DataAnnotations;

namespace CourseComments.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>Accepted signing secrets, current first; a previous one stays listed while a rotation settles.
    /// Environment variables: <c>Webhook__SigningSecrets__0</c>, <c>Webhook__SigningSecrets__1</c>.</summary>
    public List<string> SigningSecrets { get; set; } = [];

    /// <summary>Largest body read; Momento's messages are at most 4 KB, so 64 KB leaves room for the envelope.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    [Range(1, 4000)]
    public int MaxCommentLength { get; set; } = 1000;

    /// <summary>Events whose <c>publish_timestamp</c> is older than this are replays (Momento advises about 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far in the future a <c>publish_timestamp</c> may be, for clock skew between Momento and us.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Budget for the whole request, from the handler's start to the answer: reading the body (a trickled
    /// body is answered 408), the signing-secret read (a cold Key Vault cache) and the store. Momento gives up on a
    /// delivery after 5 s and never retries it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:04.500")]
    public TimeSpan ResponseBudget { get; set; } = TimeSpan.FromSeconds(4);
}
