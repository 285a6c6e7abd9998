using System.ComponentModel.DataAnnotations;

namespace CourseComments.MomentoEmulator.Hosting;

/// <summary>Settings of the Momento emulator (section <c>MomentoEmulator</c>); every one has a working default.
/// Properties with internal setters are fixed values configuration cannot set (tests shorten them).</summary>
public sealed class EmulatorOptions : IValidatableObject
{
    public const string Section = "MomentoEmulator";

    /// <summary>Loopback address both listeners bind to (<c>localhost</c> or a loopback IP; nothing else).</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port of Momento's gRPC protocol (plaintext HTTP/2, as <c>MomentoLocalProvider</c> expects); 0 picks a
    /// free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 7072;

    /// <summary>Port of the Topics HTTP API for browsers (HTTP/1.1: plaintext HTTP/2 and HTTP/1.1 cannot share a
    /// port); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 7073;

    /// <summary>Caches that exist from the start; more can be made with CreateCache. Unknown caches answer
    /// NOT_FOUND.</summary>
    public List<string> Caches { get; set; } = ["course-comments"];

    /// <summary>Most items (keys) held across all caches; beyond it the item closest to expiry is evicted.</summary>
    [Range(1, 10_000_000)]
    public int MaxItems { get; set; } = 100_000;

    /// <summary>Most bytes of keys and values held across all caches; beyond it the item closest to expiry is
    /// evicted.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Optional file the cache contents are saved to (periodically and at shutdown) and loaded from.</summary>
    public string? SnapshotFile { get; set; }

    /// <summary>How often a changed cache is written to <see cref="SnapshotFile"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages each topic keeps for subscribers resuming from a sequence number; older resume points get a
    /// discontinuity, as Momento's do. 256 covers any reconnect of a local app.</summary>
    public int TopicResumeBuffer { get; internal set; } = 256;

    /// <summary>Topics held at once; the least recently published one is dropped (its numbering restarts on a new
    /// sequence page when it is used again). 10 000: far more than a local app uses.</summary>
    public int MaxTopics { get; } = 10_000;

    /// <summary>Gap between heartbeats on an idle subscription: 2 s, as Momento's SDK examples expect one within
    /// 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; internal set; } = TimeSpan.FromSeconds(2);

    /// <summary>Optional base64 key (at least 32 bytes) that signs the disposable tokens the emulator mints; unset, a
    /// random key per process (tokens then die with the process).</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>The endpoint minted tokens name (Momento's <c>endpoint</c> field); unset, the gRPC listener's
    /// <c>host:port</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>Webhook delivery of every published message; off while <see cref="EmulatorWebhookOptions.Url"/> is
    /// unset.</summary>
    public EmulatorWebhookOptions Webhook { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Webhook.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp
            && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("MomentoEmulator:Webhook:Url must be an absolute http or https URL.",
                ["Webhook.Url"]);
        }

        if (Webhook.Url is not null && string.IsNullOrWhiteSpace(Webhook.SigningSecret))
        {
            yield return new ValidationResult(
                "MomentoEmulator:Webhook:SigningSecret is required with a webhook URL "
                + "(the app's Webhook:SigningSecrets:0).",
                ["Webhook.SigningSecret"]);
        }

        if (TokenSigningKey is { } key && (!TryDecode(key, out var bytes) || bytes.Length < 32))
        {
            yield return new ValidationResult("MomentoEmulator:TokenSigningKey must be base64 of at least 32 bytes.",
                [nameof(TokenSigningKey)]);
        }

        if (!Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && !(System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address)))
        {
            yield return new ValidationResult(
                "MomentoEmulator:Host must be a loopback address: the emulator is for this machine only.",
                [nameof(Host)]);
        }

        if (Caches.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("MomentoEmulator:Caches must not hold empty names.", [nameof(Caches)]);
        }
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}

/// <summary>Where and how the emulator delivers published messages (Momento's webhook contract).</summary>
public sealed class EmulatorWebhookOptions
{
    /// <summary>The webhook every published message is POSTed to; unset, the URL a host sets on
    /// <see cref="Topics.WebhookTarget"/> once it knows its address (deliveries wait for it).</summary>
    public Uri? Url { get; set; }

    /// <summary>The webhook's signing secret (Momento's per-webhook secret): the HMAC-SHA3-256 key of
    /// <c>momento-signature</c>, used as the app uses it (its UTF-8 bytes).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Accepted messages waiting for delivery; a publish beyond this is refused (HTTP 429, gRPC
    /// RESOURCE_EXHAUSTED). 1000: a local webhook that stops answering is noticed before memory is. Not a setting
    /// (configuration cannot set it); tests make it small.</summary>
    public int QueueCapacity { get; internal set; } = 1000;
}
