using Microsoft.Extensions.Logging;
using Momento.Sdk.Exceptions;

namespace CourseComments.Momento;

/// <summary>Momento failures with their error code. Keys, tokens and cached values are never logged.</summary>
internal static partial class MomentoLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning,
        Message = "Momento {Operation} failed with {ErrorCode} ({Failure})")]
    public static partial void CallFailed(ILogger logger, string operation, MomentoErrorCode errorCode, string failure);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error,
        Message = "The Momento client for {Operation} could not be built: the API key is unavailable")]
    public static partial void KeyUnavailable(ILogger logger, string operation);
}
