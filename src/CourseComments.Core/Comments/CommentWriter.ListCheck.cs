namespace CourseComments.Comments;

/// <summary>The proof of storage: a copy of a claimed message is acknowledged only once its comment is found on its
/// course's list; a claim the same chain of tries wrote is told apart by its value.</summary>
public sealed partial class CommentWriter
{
    /// <summary>What a try whose claim was refused answers: <see cref="RecordOutcome.AlreadyStored"/> when the
    /// comment is listed, null when the claim is this chain's own, written by an earlier try whose claim write went
    /// unanswered and with no push sent under it (one read, only after such a try), else
    /// <see cref="RecordOutcome.InFlight"/>.</summary>
    private async Task<RecordOutcome?> HeldOutcomeAsync(
        string claimKey, string courseId, ClaimAttempt attempt, CancellationToken cancellationToken)
    {
        if (await IsListedAsync(claimKey, courseId, cancellationToken))
        {
            return RecordOutcome.AlreadyStored;
        }

        return attempt.ClaimUnanswered && !attempt.PushSent
            && await store.GetAsync(claimKey, cancellationToken) == attempt.Value
            ? null
            : RecordOutcome.InFlight;
    }

    /// <summary>Whether the comment's message is on its course's list (a copy of it is then stored).</summary>
    private async Task<bool> IsListedAsync(string claimKey, string courseId, CancellationToken cancellationToken)
    {
        var id = StoredComment.IdFor(claimKey);
        var items = await store.FetchAsync(courseId, options.Value.MaxPerCourse, cancellationToken);
        return items.Any(item =>
            item.Contains(id, StringComparison.Ordinal) && StoredComment.Decode(item)?.Id == id);
    }
}
