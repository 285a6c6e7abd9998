using System.Text.Json;
using CourseComments.Json;
using CourseComments.Profiles;
using Microsoft.Extensions.Options;

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
/// unknown (timed out, cancelled) is never repeated. The author's display name is read from their profile, and the
/// admission checked, alongside the claim, so neither adds a round trip to the write.
/// </summary>
public sealed class CommentWriter(ICommentStore store, ProfileStore profiles, IOptions<CommentsOptions> options)
{
    private const string Pending = "pending";
    private const string Stored = "stored";

    /// <param name="claimKey">The message's once-only key, named by its channel.</param>
    /// <param name="admission">Checked alongside the claim; undone when the message is a copy, so copies of one
    /// message are admitted (and counted) once. Refused: nothing is stored and the claim is released.</param>
    /// <exception cref="CommentStoreException">The store answered with an error; nothing was stored and the claim is
    /// released.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; when that happened during the push, the comment may
    /// still be stored and the claim stays "pending" until <paramref name="claimTtl"/> ends.</exception>
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
            var state = await store.GetAsync(claimKey, cancellationToken);
            return state == Stored ? RecordOutcome.AlreadyStored : RecordOutcome.InFlight;
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

        var named = comment with { DisplayName = await displayName };
        var item = JsonSerializer.Serialize(named, AppJsonContext.Default.StoredComment);
        var settings = options.Value;
        try
        {
            await store.PushFrontAsync(comment.CourseId!, item, settings.MaxPerCourse, settings.Ttl, cancellationToken);
        }
        catch (CommentStoreException)
        {
            // Only an error answer proves the push did not land. A timed-out or cancelled push (any other exception)
            // may still land after we gave up on it, so its claim stays "pending" until its TTL: a redelivery is
            // answered "in flight" and never stored a second time.
            await ReleaseAsync(claimKey);
            throw;
        }

        try
        {
            await store.SetAsync(claimKey, Stored, claimTtl, cancellationToken);
        }
        catch (Exception ex) when (ex is CommentStoreException or OperationCanceledException)
        {
            // The comment is stored; the claim merely stays "pending", so a duplicate is refused, never acknowledged.
        }

        return RecordOutcome.Stored;
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
