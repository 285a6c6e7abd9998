namespace CourseComments.Comments;

/// <summary>The outcome of taking in one message, with what a refusal needs to be answered and logged.</summary>
/// <param name="Reason">A stable reason code for logs and problem types: <c>invalid-token-id</c>,
/// <c>invalid-comment</c>, <c>author-blocked</c>, <c>unknown-course</c> or <c>author-rate-limited</c>.</param>
/// <param name="Problem">What is wrong, worded for the publisher; never the message text.</param>
/// <param name="Status">For a refusal, the HTTP status the webhook answers with (400, 403 or 429).</param>
/// <param name="RetryAfter">For <c>author-rate-limited</c>: when the author's next window starts.</param>
public sealed record IntakeResult(
    IntakeOutcome Outcome,
    string? Reason = null,
    string? Problem = null,
    int Status = 0,
    TimeSpan RetryAfter = default)
{
    /// <summary>A refusal: its HTTP status, reason code and problem title.</summary>
    public static IntakeResult Refuse(int status, string reason, string problem) =>
        new(IntakeOutcome.Refused, Reason: reason, Problem: problem, Status: status);
}
