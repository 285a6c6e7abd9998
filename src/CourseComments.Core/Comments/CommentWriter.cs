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
}

/// <summary>
/// Writes each message's comment exactly once, across any number of app instances: a claim on the message's key in
/// the shared store (first writer wins) guards the push; each channel names its keys (see <see cref="CommentIntake"/>).
/// The claim reads "pending" until the push is confirmed and is released when the push fails, so a duplicate is only
/// ever acknowledged once the comment is really stored. The author's display name is read from their profile
/// alongside the claim, so it adds no round trip to the write.
/// </summary>
public sealed class CommentWriter(ICommentStore store, ProfileStore profiles, IOptions<CommentsOptions> options)
{
    private const string Pending = "pending";
    private const string Stored = "stored";

    public async Task<RecordOutcome> RecordOnceAsync(
        string claimKey, StoredComment comment, TimeSpan claimTtl, CancellationToken cancellationToken)
    {
        // Started before the claim and never faulted (a missing or unreadable profile reads as the fallback name),
        // so it runs while the claim is in flight and may be left behind when the event turns out to be a duplicate.
        var displayName = profiles.ReadDisplayNameAsync(comment.UserId, cancellationToken);
        if (!await store.SetIfNotExistsAsync(claimKey, Pending, claimTtl, cancellationToken))
        {
            var state = await store.GetAsync(claimKey, cancellationToken);
            return state == Stored ? RecordOutcome.AlreadyStored : RecordOutcome.InFlight;
        }

        try
        {
            var named = comment with { DisplayName = await displayName };
            var item = JsonSerializer.Serialize(named, AppJsonContext.Default.StoredComment);
            var settings = options.Value;
            await store.PushFrontAsync(comment.CourseId!, item, settings.MaxPerCourse, settings.Ttl, cancellationToken);
        }
        catch
        {
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

    /// <summary>The comment is not stored: free the event so a later delivery is not mistaken for a duplicate.</summary>
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
