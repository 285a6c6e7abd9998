using Microsoft.Extensions.Logging;

namespace CourseComments.Secrets;

/// <summary>The Key Vault signing secrets' log events (range 4000-4099).</summary>
internal static partial class SecretsLog
{
    [LoggerMessage(
        EventId = 4000,
        Level = LogLevel.Information,
        Message = "Read Key Vault secret {SecretName}: {Count} version(s) accepted for webhook signatures")]
    public static partial void Refreshed(ILogger logger, string secretName, int count);

    [LoggerMessage(
        EventId = 4001,
        Level = LogLevel.Error,
        Message = "Reading Key Vault secret {SecretName} failed (serving the last good value: {ServingLastGood}; "
            + "last good value expired: {Expired}; next read in {Wait})")]
    public static partial void RefreshFailed(
        ILogger logger, string secretName, bool servingLastGood, bool expired, TimeSpan wait, Exception exception);
}
