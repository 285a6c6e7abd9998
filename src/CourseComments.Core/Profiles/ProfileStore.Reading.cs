using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Json;

namespace CourseComments.Profiles;

/// <summary>Reading a profile's display name: from this instance's memory when it read or wrote it lately, else from
/// the store, checked again on the way out, and the fallback name on any failure.</summary>
public sealed partial class ProfileStore
{
    /// <summary>The display name in <paramref name="tokenId"/>'s profile, or <see cref="DisplayName.Fallback"/> when
    /// the profile is missing, unusable or cannot be read in time. Never throws. Failures are not remembered: the
    /// next comment reads again. A ValueTask: a name in memory is answered at once, allocating nothing.</summary>
    public async ValueTask<string> ReadDisplayNameAsync(string tokenId, CancellationToken cancellationToken)
    {
        try
        {
            var key = KeyFor(tokenId);
            return await names.GetOrCreateAsync(
                key,
                (Store: this, Key: key),
                static (read, cancel) => read.Store.ReadAsync(read.Key, cancel),
                InMemory,
                cancellationToken: cancellationToken);
        }
        catch (CommentStoreException ex)
        {
            ProfilesLog.ReadFailed(logger, $"store-{ex.Failure.ToString().ToLowerInvariant()}", ex);
        }
        catch (TimeoutException ex)
        {
            ProfilesLog.ReadFailed(logger, "timeout", ex);
        }
        catch (OperationCanceledException)
        {
            // The delivery itself was cancelled; its own store calls report that.
        }

        return DisplayName.Fallback;
    }

    /// <exception cref="CommentStoreException">The store failed (not remembered).</exception>
    /// <exception cref="TimeoutException">No answer within the call timeout (not remembered).</exception>
    private async ValueTask<string> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var writesBefore = Volatile.Read(ref writes);
        var profile = await store.GetAsync(key, cancellationToken).WaitAsync(callTimeout, time, cancellationToken);
        if (Volatile.Read(ref writes) != writesBefore)
        {
            // A profile was written here while this read was in flight: its answer may be older than the copy that
            // write put in memory, and would replace it when returned. Read again, after the write.
            profile = await store.GetAsync(key, cancellationToken).WaitAsync(callTimeout, time, cancellationToken);
        }

        if (profile is null)
        {
            ProfilesLog.ReadFallback(logger, "missing");
            return DisplayName.Fallback;
        }

        // Checked again on the way out: anything holding the cache's key could have written this item.
        if (DisplayName.Sanitize(Decode(profile)?.DisplayName) is not { } name)
        {
            ProfilesLog.ReadFallback(logger, "unusable");
            return DisplayName.Fallback;
        }

        ProfilesLog.Read(logger, "found");
        return name;
    }

    private static UserProfile? Decode(string profile)
    {
        try
        {
            return JsonSerializer.Deserialize(profile, AppJsonContext.Default.UserProfile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
