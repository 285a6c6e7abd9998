using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CourseComments.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

/// <summary>
/// Hands out each user's publish token, minting as rarely as Momento's auth limit demands: a cached token is reused
/// while it has more than <see cref="TokenOptions.RefreshMargin"/> to live; callers arriving while a user's token is
/// being minted share that one mint; at most <see cref="TokenOptions.MaxCachedUsers"/> users are remembered; a
/// failed mint is never remembered. A mint needs room in this instance's budget (<see cref="MintThrottle"/>) and the
/// user's own share of it (<see cref="UserMintShare"/>), so one user cannot starve the others. Tokens stay in this
/// process's memory: never logged, never in a distributed cache.
/// </summary>
/// <remarks>
/// Not HybridCache (Microsoft.Extensions.Caching.Hybrid 10.11), whose single flight, uncached failures and L1-only
/// mode fit, because it cannot: expire an entry with the token the factory returns (entry options are fixed before
/// it runs), nor on our <see cref="TimeProvider"/> (its L1 is MemoryCache, on an ISystemClock); drop an entry only if
/// it still holds the token a <c>?replace</c> names (RemoveAsync is unconditional: two replace requests could remove
/// each other's fresh token and spend the user's mint share, a 429); or bound the cache by users and make room for a
/// new token (MemoryCache.SizeLimit counts serialized bytes and refuses a new entry when full). It also serializes
/// every value, token included, into pooled buffers it returns to the shared pool uncleared.
/// </remarks>
public sealed class TokenIssuer(
    ITokenMinter minter,
    MintThrottle throttle,
    UserMintShare userShare,
    TimeProvider time,
    IOptions<TokenOptions> tokenOptions,
    IOptions<MomentoOptions> momentoOptions,
    ILogger<TokenIssuer> logger)
{
    private readonly TokenOptions options = tokenOptions.Value;
    private readonly MomentoOptions momento = momentoOptions.Value;
    private readonly Lock gate = new();

    // A user's token, or the mint of it still under way. Only successful mints stay.
    private readonly Dictionary<string, Task<MintedToken>> tokens = new(StringComparer.Ordinal);

    /// <param name="replaced">The <see cref="Fingerprint"/> of a token Momento refused: when it is the cached one, a
    /// new one is minted (once: the new token has another fingerprint, so repeating the request reuses it).</param>
    /// <exception cref="MintThrottledException">A mint was needed and the instance's budget or the user's share
    /// refused it.</exception>
    /// <exception cref="TokenMintException">The minter failed or took longer than <see
    /// cref="TokenOptions.MintTimeout"/>.</exception>
    public Task<MintedToken> GetAsync(string tokenId, string? replaced, CancellationToken cancellationToken)
    {
        TaskCompletionSource<MintedToken> mint;
        lock (gate)
        {
            if (tokens.TryGetValue(tokenId, out var known)
                && (!known.IsCompleted || (IsReusable(known) && !IsReplaced(known, replaced))))
            {
                return known.WaitAsync(cancellationToken);
            }

            // The shared budget is checked before the user's share is spent, and taken only once both agree.
            if (!throttle.HasRoom(out var retryAfter))
            {
                throw new MintThrottledException(retryAfter);
            }

            if (!userShare.TryTake(tokenId, out var userRetryAfter))
            {
                throw new MintThrottledException(userRetryAfter, userShareSpent: true);
            }

            throttle.TryAcquire(out _);

            if (!tokens.ContainsKey(tokenId) && !TryMakeRoom())
            {
                throw new MintThrottledException(TimeSpan.FromSeconds(1));
            }

            mint = new TaskCompletionSource<MintedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            tokens[tokenId] = mint.Task;
        }

        _ = MintAsync(tokenId, mint);
        return mint.Task.WaitAsync(cancellationToken);
    }

    // Not tied to the first caller's cancellation: everyone waiting for this user shares the outcome.
    private async Task MintAsync(string tokenId, TaskCompletionSource<MintedToken> mint)
    {
        var request = new PublishTokenRequest(tokenId, momento.CacheName, momento.TopicName, options.Lifetime);
        using var deadline = new CancellationTokenSource(TokenOptions.MintTimeout, time);
        try
        {
            var minted = await minter.MintPublishOnlyAsync(request, deadline.Token)
                .WaitAsync(TokenOptions.MintTimeout, time);
            TokenLog.Minted(logger, minted.ExpiresAt);
            mint.SetResult(minted);
        }
        catch (Exception ex)
        {
            lock (gate)
            {
                if (tokens.TryGetValue(tokenId, out var current) && current == mint.Task)
                {
                    tokens.Remove(tokenId);
                }
            }

            mint.SetException(ex is TokenMintException
                ? ex
                : new TokenMintException(
                    TokenMintFailure.Unavailable, $"Minting failed or exceeded {TokenOptions.MintTimeout}.", ex));
        }
    }

    /// <summary>How a browser names a token without sending it back: the unpadded base64url SHA-256 of its UTF-8
    /// text (43 characters). Unlike an expiry, no two tokens share one.</summary>
    public static string Fingerprint(string token) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool IsReplaced(Task<MintedToken> token, string? replaced) =>
        replaced is not null
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Fingerprint(token.Result.Token)), Encoding.ASCII.GetBytes(replaced));

    private bool IsReusable(Task<MintedToken> token) =>
        token.IsCompletedSuccessfully && token.Result.ExpiresAt - time.GetUtcNow() > TokenOptions.RefreshMargin;

    /// <summary>Under the lock: frees a slot by dropping tokens past reuse, else the one expiring soonest.</summary>
    private bool TryMakeRoom()
    {
        if (tokens.Count < options.MaxCachedUsers)
        {
            return true;
        }

        foreach (var (tokenId, token) in tokens)
        {
            if (token.IsCompleted && !IsReusable(token))
            {
                tokens.Remove(tokenId);
            }
        }

        if (tokens.Count < options.MaxCachedUsers)
        {
            return true;
        }

        var soonest = tokens.Where(entry => entry.Value.IsCompletedSuccessfully)
            .MinBy(entry => entry.Value.Result.ExpiresAt);
        return soonest.Key is not null && tokens.Remove(soonest.Key);
    }
}
