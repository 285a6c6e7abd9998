namespace CourseComments.Tokens;

/// <summary>What to mint: a token that may only publish to one topic, carrying the user's id as its tokenId.</summary>
public sealed record PublishTokenRequest(string TokenId, string CacheName, string TopicName, TimeSpan Lifetime);

/// <summary>A minted token. <paramref name="TopicsBaseUrl"/> is where its Topics HTTP API lives
/// (<c>https://api.cache.&lt;endpoint&gt;</c> for Momento, <c>http://&lt;endpoint&gt;</c> for the Momento
/// emulator).</summary>
public sealed record MintedToken(string Token, DateTimeOffset ExpiresAt, Uri TopicsBaseUrl);

/// <summary>Mints disposable publish-only tokens: Momento's auth service, or the Momento emulator's locally.</summary>
public interface ITokenMinter
{
    /// <exception cref="TokenMintException">Minting failed; <see cref="TokenMintException.Failure"/> says
    /// how.</exception>
    Task<MintedToken> MintPublishOnlyAsync(PublishTokenRequest request, CancellationToken cancellationToken);
}

public enum TokenMintFailure
{
    /// <summary>Rate limited (Momento allows 5 auth operations per second per account).</summary>
    Throttled,

    /// <summary>The auth service is down, unreachable or timed out.</summary>
    Unavailable,

    /// <summary>The request was refused (bad argument, bad API key, permissions).</summary>
    Rejected,
}

/// <summary>Thrown by <see cref="ITokenMinter"/> implementations; the message is for logs, never for callers.</summary>
public sealed class TokenMintException(TokenMintFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public TokenMintFailure Failure { get; } = failure;
}
