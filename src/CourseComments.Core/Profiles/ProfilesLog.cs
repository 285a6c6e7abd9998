using Microsoft.Extensions.Logging;

namespace CourseComments.Profiles;

/// <summary>Outcome codes only: display names and token ids are personal data and are never logged.</summary>
internal static partial class ProfilesLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Profile written")]
    public static partial void Written(ILogger logger);

    [LoggerMessage(
        EventId = 6001,
        Level = LogLevel.Warning,
        Message = "Profile not written (reason {Reason}); the author will show as the fallback name")]
    public static partial void WriteFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Profile read (outcome {Outcome})")]
    public static partial void Read(ILogger logger, string outcome);

    [LoggerMessage(
        EventId = 6003,
        Level = LogLevel.Information,
        Message = "Profile read found no usable name (outcome {Outcome}); storing the comment with the fallback name")]
    public static partial void ReadFallback(ILogger logger, string outcome);

    [LoggerMessage(
        EventId = 6004,
        Level = LogLevel.Warning,
        Message = "Profile read failed (reason {Reason}); storing the comment with the fallback name")]
    public static partial void ReadFailed(ILogger logger, string reason, Exception exception);
}
