namespace CourseComments.Comments;

/// <summary>Why a store operation failed, in the terms callers act on.</summary>
public enum StoreFailure
{
    /// <summary>The store is down, unreachable or timed out: try again later.</summary>
    Unavailable,

    /// <summary>The store refused for rate or size limits.</summary>
    Throttled,

    /// <summary>The store rejected the request itself (bad argument, missing cache, permissions).</summary>
    Rejected,
}

/// <summary>Thrown by <see cref="ICommentStore"/> implementations; the message is for logs, never for
/// callers.</summary>
public sealed class CommentStoreException(StoreFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public StoreFailure Failure { get; } = failure;

    /// <summary>The call may have been applied all the same (the client's deadline passed before the answer came):
    /// a write that fails so must be treated as one that may still land, not as one that did not.</summary>
    public bool OutcomeUnknown { get; init; }
}
