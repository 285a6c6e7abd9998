using CourseComments.Profiles;
using Microsoft.Extensions.Options;

namespace CourseComments.Comments;

/// <summary>
/// Writes each message's comment exactly once, across any number of app instances: a claim on the message's key in
/// the shared store (first writer wins) guards the push; each channel names its keys (see <see cref="CommentIntake"/>).
/// The claim is released only when the store answers the push with an error (or the admission refuses), so the
/// comment is never stored twice. A copy of a claimed message is acknowledged only once its comment is on the course's
/// list (each item carries its message's <see cref="StoredComment.Id"/>): the list is the proof of storage, so no
/// separate "stored" mark is written. The author's display name (<see cref="ProfileStore"/>) and the admission are
/// read alongside the claim, so neither adds a round trip: a new comment waits for two sequential store calls, the
/// claim and the push (<see cref="CourseListPushes"/>, shared with the comments arriving meanwhile).
/// </summary>
/// <remarks>
/// A copy that arrives while the push is in flight, or after its process stopped mid-push, finds the claim but not
/// the comment: it is answered <see cref="RecordOutcome.InFlight"/> (409), never acknowledged unstored. So is a copy
/// of a comment that has since fallen off the back of its course's list (<c>Comments:MaxPerCourse</c>): not
/// acknowledged, and not stored again. Only a later try of the chain that wrote the claim (<see cref="ClaimAttempt"/>)
/// takes it over, if nothing was pushed under it.
/// </remarks>
public sealed partial class CommentWriter(
    ICommentStore store,
    ProfileStore profiles,
    LatePushes latePushes,
    LateClaims lateClaims,
    CourseListPushes pushes,
    IOptions<CommentsOptions> options)
{
    /// <param name="claimKey">The message's once-only key, named by its channel.</param>
    /// <param name="admission">Checked alongside the claim; undone when the message is a copy or its push failed, so
    /// each message is admitted (and counted) once. Refused: nothing is stored and the claim is released.</param>
    /// <param name="attempt">The message's chain of tries, whose value the claim holds: a claim an earlier try of
    /// the chain wrote without an answer, and pushed nothing under, is taken over instead of found in flight.</param>
    /// <exception cref="CommentStoreException">The store answered with an error; nothing was stored and the claim is
    /// released (unless <see cref="CommentStoreException.OutcomeUnknown"/>: then the push may have landed and the
    /// claim is kept).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; when that happened during the push, the comment may
    /// still be stored and the claim is kept until the push settles (<see cref="LatePushes"/>).</exception>
    public async Task<RecordOutcome> RecordOnceAsync(
        string claimKey,
        CheckedComment comment,
        TimeSpan claimTtl,
        ICommentAdmission admission,
        ClaimAttempt attempt,
        CancellationToken cancellationToken)
    {
        // Started before the claim and never faulted (a missing or unreadable profile reads as the fallback name),
        // so it runs while the claim is in flight and may be left behind, never awaited, when the event turns out to be
        // a duplicate (an async method's ValueTask allows that).
        var displayName = profiles.ReadDisplayNameAsync(comment.UserId, cancellationToken);
        var admitted = admission.AdmitAsync(cancellationToken);
        bool claimed;
        try
        {
            // The chain's value, unique to it, so a claim it gave up on can be told from one another delivery holds.
            claimed = await store.SetIfNotExistsAsync(claimKey, attempt.Value, claimTtl, cancellationToken);
        }
        catch
        {
            await UndoAsync(admission, admitted);
            // Unanswered or failed, it may have landed all the same: a later try of the chain may take it over, or
            // else it is released once it has settled.
            attempt.ClaimFailed();
            lateClaims.Settle(claimKey, attempt);
            throw;
        }

        if (!claimed)
        {
            RecordOutcome? held;
            try
            {
                held = await HeldOutcomeAsync(claimKey, comment.CourseId, attempt, cancellationToken);
            }
            catch
            {
                await UndoAsync(admission, admitted);
                throw;
            }

            if (held is { } outcome)
            {
                await UndoAsync(admission, admitted);
                return outcome;
            }
        }

        try
        {
            if (!await admitted)
            {
                await ReleaseAsync(claimKey);
                return RecordOutcome.Refused;
            }
        }
        catch
        {
            await ReleaseAsync(claimKey);
            throw;
        }

        // Marked before the push is sent, so no later try of the chain takes the claim over once a push may land.
        attempt.PushStarting();

        var push = PushAsync(claimKey, comment, displayName);
        try
        {
            await push.WaitAsync(cancellationToken);
        }
        catch (CommentStoreException ex) when (!ex.OutcomeUnknown)
        {
            // Only an error answer proves the push did not land (a passed client deadline proves nothing: the
            // claim is then kept, as for a push given up on, and a redelivery is answered by the list). Its
            // admission is undone too, so redeliveries of a comment the store failed do not use up its author's limit.
            await ReleaseAsync(claimKey);
            await UndoAsync(admission, admitted);
            throw;
        }
        catch (Exception ex) when (ex is not CommentStoreException)
        {
            // Given up on (timed out, cancelled), not answered: the push may still land (or have failed just as the
            // wait ended), so its claim is kept until the push settles, and a redelivery meanwhile is answered "in
            // flight", never stored twice.
            latePushes.Settle(claimKey, push);
            throw;
        }

        return RecordOutcome.Stored;
    }

    // Not cancelled with the delivery: a store call cannot be recalled once sent, so its outcome is awaited instead.
    private async Task PushAsync(string claimKey, CheckedComment comment, ValueTask<string> displayName)
    {
        var item = StoredComment.Encode(comment, await displayName, claimKey);
        await pushes.PushAsync(comment.CourseId, item);
    }

    /// <summary>The message is not this call's to store, or its push failed: reverse its admission once that has
    /// completed.</summary>
    private static async Task UndoAsync(ICommentAdmission admission, Task<bool> admitted)
    {
        try
        {
            await admitted;
            await admission.UndoAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is CommentStoreException or OperationCanceledException)
        {
            // Not admitted, or the undo failed: at worst the author's count is one too high until its window ends.
        }
    }

    /// <summary>The comment is not stored: free the message so a later delivery is not mistaken for a
    /// duplicate.</summary>
    private async Task ReleaseAsync(string claimKey)
    {
        try
        {
            await store.DeleteAsync(claimKey, CancellationToken.None);
        }
        catch (CommentStoreException)
        {
            // The claim expires with its TTL; until then a redelivery is answered "in flight", never acknowledged.
        }
    }
}
