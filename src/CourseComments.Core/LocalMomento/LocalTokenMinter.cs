using CourseComments.Tokens;

namespace CourseComments.LocalMomento;

/// <summary>The token port in local mode: mints publish-only local tokens that the stand-in's Topics API accepts.</summary>
public sealed class LocalTokenMinter(LocalTokenCodec codec, TimeProvider time, LocalAddresses addresses) : ITokenMinter
{
    private const int MaxTokenIdLength = 64;

    public Task<MintedToken> MintPublishOnlyAsync(PublishTokenRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.TokenId) || request.TokenId.Length > MaxTokenIdLength || request.Lifetime <= TimeSpan.Zero)
        {
            throw new TokenMintException(TokenMintFailure.Rejected, "A local token needs a tokenId of 1-64 characters and a positive lifetime.");
        }

        var expiresAt = time.GetUtcNow() + request.Lifetime;
        var claims = new LocalTokenClaims(
            request.CacheName, request.TopicName, LocalTokenClaims.PublishOnly, expiresAt.ToUnixTimeMilliseconds(), request.TokenId);
        Uri topicsBaseUrl;
        try
        {
            topicsBaseUrl = addresses.TopicsBaseUrl;
        }
        catch (InvalidOperationException ex)
        {
            throw new TokenMintException(TokenMintFailure.Rejected, ex.Message, ex);
        }

        var wholeMilliseconds = DateTimeOffset.FromUnixTimeMilliseconds(claims.ExpiresAtUnixMilliseconds);
        return Task.FromResult(new MintedToken(codec.Encode(claims), wholeMilliseconds, topicsBaseUrl));
    }
}
