using CourseComments.Comments;
using CourseComments.Tokens;
using Momento.Sdk.Exceptions;

namespace CourseComments.Momento;

/// <summary>Every Momento error code in the terms the core acts on: wait and retry, try later, or give up.</summary>
internal static class MomentoErrorClasses
{
    public static StoreFailure ToStoreFailure(MomentoErrorCode code) => code switch
    {
        MomentoErrorCode.LIMIT_EXCEEDED_ERROR => StoreFailure.Throttled,

        MomentoErrorCode.INVALID_ARGUMENT_ERROR
            or MomentoErrorCode.BAD_REQUEST_ERROR
            or MomentoErrorCode.NOT_FOUND_ERROR
            or MomentoErrorCode.ALREADY_EXISTS_ERROR
            or MomentoErrorCode.PERMISSION_ERROR
            or MomentoErrorCode.AUTHENTICATION_ERROR
            or MomentoErrorCode.FAILED_PRECONDITION_ERROR => StoreFailure.Rejected,

        // TIMEOUT, SERVER_UNAVAILABLE, CONNECTION, INTERNAL_SERVER, CANCELLED, CLIENT_RESOURCE_EXHAUSTED,
        // UNKNOWN_SERVICE, UNKNOWN and any code a later SDK adds: a retry later may succeed.
        _ => StoreFailure.Unavailable,
    };

    /// <summary>Whether a call that failed with <paramref name="code"/> may have been applied anyway: TIMEOUT_ERROR is
    /// the client's deadline passing (gRPC DEADLINE_EXCEEDED), which says nothing of what the server did.</summary>
    public static bool LeavesOutcomeUnknown(MomentoErrorCode code) => code == MomentoErrorCode.TIMEOUT_ERROR;

    public static TokenMintFailure ToMintFailure(MomentoErrorCode code) => ToStoreFailure(code) switch
    {
        StoreFailure.Throttled => TokenMintFailure.Throttled,
        StoreFailure.Rejected => TokenMintFailure.Rejected,
        _ => TokenMintFailure.Unavailable,
    };
}
