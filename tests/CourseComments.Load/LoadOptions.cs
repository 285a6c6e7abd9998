using System.Globalization;
using System.Net;

namespace CourseComments.Load;

/// <summary>The load tool's settings, bounded so one run can neither run away nor leave this machine.</summary>
internal sealed record LoadOptions(Uri Url, int Events, int Concurrency, double? Rate, int Warmup, string Secret)
{
    public const int MaxEvents = 200_000;
    public const int MaxConcurrency = 256;
    public const double MaxRate = 50_000;
    public const int MaxWarmup = 20_000;

    public const string Usage = """
        Sends N unique, freshly signed webhook events to a running dev server, reads every course back to check that
        exactly N comments were stored (no duplicates), and prints throughput and p50/p99/max latency for the webhook
        and, in the same run, for GET /api/health.

        Options:
          --secret S        the server's signing secret (its Webhook__SigningSecrets__0); required
          --url U           the server, loopback only (default http://127.0.0.1:7071)
          --events N        events to send, and health requests to send (1-200000, default 10000)
          --concurrency C   requests in flight at most (1-256, default 16)
          --rate R          target requests per second (1-50000); omitted: as fast as C allows
          --warmup W        unmeasured requests of each kind first (0-20000, default 1000)
        """;

    /// <returns>The options, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static LoadOptions? Parse(string[] args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"Expected '--name value' pairs, got '{args[i]}'.";
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        error = null;
        var url = new Uri(values.GetValueOrDefault("url", "http://127.0.0.1:7071"), UriKind.RelativeOrAbsolute);
        if (!url.IsAbsoluteUri
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !IsLoopback(url))
        {
            error = $"--url must be an http(s) URL on this machine (127.0.0.1, [::1] or localhost), not '{url}'.";
            return null;
        }

        var unknown = values.Keys.Except(["url", "events", "concurrency", "rate", "warmup", "secret"]).FirstOrDefault();
        var secret = values.GetValueOrDefault("secret", string.Empty);
        var events = Bounded(values, "events", 10_000, 1, MaxEvents, ref error);
        var concurrency = Bounded(values, "concurrency", 16, 1, MaxConcurrency, ref error);
        var warmup = Bounded(values, "warmup", 1_000, 0, MaxWarmup, ref error);
        double? rate = null;
        if (values.TryGetValue("rate", out var rawRate))
        {
            rate = double.TryParse(rawRate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                   && r is >= 1 and <= MaxRate
                ? r
                : null;
            error ??= rate is null ? $"--rate must be a number from 1 to {MaxRate}." : null;
        }

        error ??= unknown is not null ? $"Unknown option --{unknown}." : null;
        error ??= secret.Length == 0
            ? "--secret is required: the same value as the server's Webhook__SigningSecrets__0."
            : null;
        return error is null ? new LoadOptions(url, events, concurrency, rate, warmup, secret) : null;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback
        && (IPAddress.TryParse(url.IdnHost, out var address)
            ? IPAddress.IsLoopback(address)
            : url.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase));

    private static int Bounded(
        Dictionary<string, string> values, string name, int fallback, int min, int max, ref string? error)
    {
        if (!values.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min
            && value <= max)
        {
            return value;
        }

        error ??= $"--{name} must be a whole number from {min} to {max}.";
        return fallback;
    }
}
