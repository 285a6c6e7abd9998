using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Json;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Profiles;

/// <summary>
/// Users' public profiles in the comment store (the same Momento cache), keyed by token id: written for each token
/// the token endpoint hands out, read when a comment published with that token arrives. A profile lives for
/// <c>Tokens:Lifetime</c> plus the webhook's freshness window and clock skew: a token handed out at write time expires
/// within <c>Tokens:Lifetime</c>, and a message it published is accepted at most that much later. Neither method
/// throws on a store failure or timeout: a profile only decorates a comment, so it never stops one. Names read are
/// kept in this instance's memory for <see cref="NameLifetime"/> (HybridCache, in-process only), so an author's
/// comments cost one profile read per instance and period rather than one each.
/// </summary>
public sealed partial class ProfileStore(
    ICommentStore store,
    HybridCache names,
    TimeProvider time,
    IOptions<ProfilesOptions> options,
    IOptions<TokenOptions> tokens,
    IOptions<WebhookOptions> webhook,
    ILogger<ProfileStore> logger)
{
    /// <summary>How long an instance reuses a display name it read. A name changed at the user's next token mint
    /// shows at once on the instance that minted it (it refreshes its copy) and within this on the others.</summary>
    public static readonly TimeSpan NameLifetime = TimeSpan.FromSeconds(30);

    private const int MaxPlainTokenIdLength = 64;

    private static readonly HybridCacheEntryOptions InMemory = new()
    {
        Expiration = NameLifetime,
        LocalCacheExpiration = NameLifetime,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    private readonly TimeSpan ttl = tokens.Value.Lifetime + webhook.Value.FreshnessWindow + webhook.Value.MaxClockSkew;
    private readonly TimeSpan callTimeout = options.Value.CallTimeout;

    /// <summary>Profiles this instance has written so far (see <see cref="ReadAsync"/>).</summary>
    private long writes;

    /// <summary>
    /// <c>profile:</c> plus the token id when it is 1-64 printable ASCII characters (every id our issuer makes);
    /// otherwise <c>profile#</c> plus the unpadded base64url SHA-256 of its UTF-16 code units, so any string, lone
    /// surrogates included, maps to its own short key. The two prefixes differ, so the forms never collide, and
    /// course ids (letters, digits, <c>_</c>, <c>-</c>) never start with either.
    /// </summary>
    public static string KeyFor(string tokenId)
    {
        if (tokenId.Length is > 0 and <= MaxPlainTokenIdLength
            && !tokenId.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return "profile:" + tokenId;
        }

        var hash = SHA256.HashData(MemoryMarshal.AsBytes(tokenId.AsSpan()));
        return "profile#" + Base64Url.EncodeToString(hash);
    }

    /// <summary>Writes (or rewrites, refreshing the TTL) the profile of <paramref name="tokenId"/>'s user.</summary>
    /// <param name="displayName">The caller's display name; one that breaks <see cref="DisplayName"/>'s rules, or
    /// none, is written as the fallback, so a stale name never outlives a change.</param>
    public async Task WriteAsync(string tokenId, string? displayName, CancellationToken cancellationToken)
    {
        var name = DisplayName.OrFallback(displayName);
        var profile = JsonSerializer.Serialize(new UserProfile(name), AppJsonContext.Default.UserProfile);
        var key = KeyFor(tokenId);
        try
        {
            await store.SetAsync(key, profile, ttl, cancellationToken).WaitAsync(callTimeout, time, cancellationToken);
            Interlocked.Increment(ref writes);
            await names.SetAsync(key, name, InMemory, cancellationToken: CancellationToken.None);
            ProfilesLog.Written(logger);
            return;
        }
        catch (CommentStoreException ex)
        {
            ProfilesLog.WriteFailed(logger, $"store-{ex.Failure.ToString().ToLowerInvariant()}", ex);
        }
        catch (TimeoutException ex)
        {
            ProfilesLog.WriteFailed(logger, "timeout", ex);
        }

        // The store may or may not hold the new name: read it afresh next time.
        await names.RemoveAsync(key, CancellationToken.None);
    }
}
