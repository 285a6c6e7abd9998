namespace CourseComments.Comments;

/// <summary>A comment that passed <see cref="CommentIntake"/>'s checks, on its way to its course's list, where it
/// becomes a <see cref="StoredComment"/> (<see cref="StoredComment.Encode"/>).</summary>
/// <param name="UserId">The author: the publisher's token id.</param>
/// <param name="Comment">The comment's UTF-8, trimmed (<see cref="CommentMessage"/>).</param>
/// <param name="CourseId">The course whose list it goes on.</param>
/// <param name="EventTime">When it was published, or received when the channel does not say.</param>
public readonly record struct CheckedComment(
    string UserId, ReadOnlyMemory<byte> Comment, string CourseId, DateTimeOffset EventTime);
