using System.Text.Json;
using CourseComments.Json;
using CourseComments.Profiles;

namespace CourseComments.Comments;

public enum RecordOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>Stored earlier by another delivery of the same event.</summary>
    AlreadyStored,

    /// <summary>Another delivery of the same event is being stored right now; it is not stored yet.</summary>
    InFlight,

    /// <summary>The admission check refused this new event: nothing stored, its claim released.</summary>
    Refused,
}

/// <summary>
/// Writes each message's comment exactly once, across any number of app instances: a claim on the message's key in
/// the shared store (first writer wins) guards the push; each channel names its keys (see <see cref="CommentIntake"/>).
/// The claim reads "pending" until the push is confirmed and is released only when the store answers the push with an
/// error, so a duplicate is only ever acknowledged once the comment is really stored, and a push whose outcome is
/// unknown (timed out, cancelled) is never repeated: it is settled once known (<see cref="StoredMarks.Settle"/>). The
/// author's display name is read from their profile, and the admission checked, alongside the claim, so neither adds
/// a round trip to the write: a new comment waits for two sequential store calls, the claim and the push.
/// </summary>
/// <remarks>
/// The "stored" mark is written after the answer (<see cref="StoredMarks"/>). Until it lands, the claim reads
/// "pending" both while a push is in flight and just after it succeeded; a duplicate then gets
/// <see cref="RecordOutcome.AlreadyStored"/> when this instance knows the mark is in flight (the push succeeded) and
/// <see cref="RecordOutcome.InFlight"/> (409) otherwise. Both are safe: a duplicate is acknowledged only for a
/// confirmed push and never stored twice; the cost is a 409 for a redelivery that reaches another instance within
/// the mark's round trip, or any instance after a mark was lost (a crash, a store failure) until the claim expires.
/// </remarks>
public sealed class CommentWriter(
    ICommentStore store, ProfileStore profiles, StoredMarks marks, CourseListPushes pushes)
{
    private const string Pending = "pending";

    /// <param name="claimKey">The message's once-only key, named by its channel.</param>
    /// <param name="admission">Checked alongside the claim; undone when the message is a copy, so copies of one
    /// message are admitted (and counted) once. Refused: nothing is stored and the claim is released.</param>
    /// <exception cref="CommentStoreException">The store answered with an error; nothing was stored and the claim is
    /// released.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; when that happened during the push, the comment may
    /// still be stored and the claim stays "pending" until the push settles.</exception>
    public async Task<RecordOutcome> RecordOnceAsync(
        string claimKey,
        StoredComment comment,
        TimeSpan claimTtl,
        ICommentAdmission admission,
        CancellationToken cancellationToken)
    {
        // Started before the claim and never faulted (a missing or unreadable profile reads as the fallback name),
        // so it runs while the claim is in flight and may be left behind when the event turns out to be a duplicate.
        var displayName = profiles.ReadDisplayNameAsync(comment.UserId, cancellationToken);
        var admitted = admission.AdmitAsync(cancellationToken);
        bool claimed;
        try
        {
            claimed = await store.SetIfNotExistsAsync(claimKey, Pending, claimTtl, cancellationToken);
        }
        catch
        {
            await UndoAsync(admission, admitted);
            throw;
        }

        if (!claimed)
        {
            await UndoAsync(admission, admitted);

            // Checked before the read: a mark that lands in between then reads "stored".
            if (marks.IsMarking(claimKey))
            {
                return RecordOutcome.AlreadyStored;
            }

            var state = await store.GetAsync(claimKey, cancellationToken);
            return state == StoredMarks.Value ? RecordOutcome.AlreadyStored : RecordOutcome.InFlight;
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

        var push = PushAsync(comment, displayName);
        try
        {
            await push.WaitAsync(cancellationToken);
        }
        catch (CommentStoreException)
        {
            // Only an error answer proves the push did not land.
            await ReleaseAsync(claimKey);
            throw;
        }
        catch when (!push.IsCompleted)
        {
            // Given up on (timed out, cancelled), not failed: the push may still land, so its claim stays "pending"
            // until the push settles, and a redelivery meanwhile is answered "in flight", never stored twice.
            marks.Settle(claimKey, push, claimTtl);
            throw;
        }

        marks.Begin(claimKey, claimTtl);
        return RecordOutcome.Stored;
    }

    // Not cancelled with the delivery: a store call cannot be recalled once sent, so its outcome is awaited instead.
    private async Task PushAsync(StoredComment comment, Task<string> displayName)
    {
        var named = comment with { DisplayName = await displayName };
        await pushes.PushAsync(comment.CourseId!, JsonSerializer.Serialize(named, AppJsonContext.Default.StoredComment));
    }

    /// <summary>The message is not this call's to store: reverse its admission once that has completed.</summary>
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
