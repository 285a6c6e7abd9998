using Microsoft.Extensions.Logging;

namespace CourseComments.Tokens;

/// <summary>Reason codes only: tokens, principals and request bodies are never logged.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(
        EventId = 3000, Level = LogLevel.Information, Message = "Minted a publish token expiring at {ExpiresAt:O}")]
    public static partial void Minted(ILogger logger, DateTimeOffset expiresAt);

    /// <summary>An expected refusal; <paramref name="omitted"/> identical ones went unlogged before it
    /// (<see cref="Platform.RefusalSampler"/>).</summary>
    [LoggerMessage(
        EventId = 3001,
        Level = LogLevel.Information,
        Message = "Token request refused with {Status} (reason {Reason}; {Omitted} like it not logged)")]
    public static partial void Refused(ILogger logger, int status, string reason, long omitted);

    /// <summary>An unexpected failure: Momento down or refusing us.</summary>
    [LoggerMessage(
        EventId = 3002, Level = LogLevel.Error, Message = "Token mint failed, answered {Status} (reason {Reason})")]
    public static partial void MintFailed(ILogger logger, int status, string reason, Exception exception);
}
