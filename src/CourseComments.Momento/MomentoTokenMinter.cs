using CourseComments.Platform;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Momento.Sdk;
using Momento.Sdk.Auth.AccessControl;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;

namespace CourseComments.Momento;

/// <summary>
/// <see cref="ITokenMinter"/> over Momento's auth service: a disposable token that may only publish to one topic,
/// carrying the user's id as its <c>tokenId</c>. Needs a legacy (v1) super-user API key.
/// </summary>
public sealed class MomentoTokenMinter(
    MomentoClients clients,
    IOptions<MomentoOptions> options,
    TimeProvider time,
    ILogger<MomentoTokenMinter> logger) : ITokenMinter
{
    private const string Operation = "GenerateDisposableToken";

    public async Task<MintedToken> MintPublishOnlyAsync(
        PublishTokenRequest request, CancellationToken cancellationToken)
    {
        var auth = await AuthAsync(cancellationToken);
        var response = await auth.GenerateDisposableTokenAsync(
                DisposableTokenScopes.TopicPublishOnly(request.CacheName, request.TopicName),
                ExpiresIn.Seconds((int)Math.Ceiling(request.Lifetime.TotalSeconds)),
                request.TokenId)
            .WaitAsync(cancellationToken);

        switch (response)
        {
            case GenerateDisposableTokenResponse.Success minted:
                var expiresAt = minted.ExpiresAt.Epoch() is int epoch
                    ? DateTimeOffset.FromUnixTimeSeconds(epoch)
                    : time.GetUtcNow() + request.Lifetime;
                return new MintedToken(minted.AuthToken, expiresAt, TopicsBaseUrl(minted.Endpoint));
            case IError error:
                throw Failed(error.ErrorCode, error.InnerException);
            default:
                throw new TokenMintException(TokenMintFailure.Unavailable,
                    $"Momento {Operation} returned an unexpected {response.GetType().Name}.");
        }
    }

    /// <summary>Momento's Topics HTTP API is at <c>api.cache.</c> + the token's endpoint, over TLS; the emulator's
    /// token names its Topics HTTP API's <c>host:port</c> itself, over plain HTTP on this machine.</summary>
    private Uri TopicsBaseUrl(string endpoint) =>
        options.Value.Mode == MomentoMode.Local
            ? new Uri($"http://{endpoint}")
            : new Uri($"https://api.cache.{endpoint}");

    private async Task<IAuthClient> AuthAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await clients.GetAuthClientAsync(cancellationToken);
        }
        catch (SecretSourceUnavailableException ex)
        {
            MomentoLog.KeyUnavailable(logger, Operation);
            throw new TokenMintException(
                TokenMintFailure.Unavailable, $"Momento {Operation}: the API key is unavailable.", ex);
        }
        catch (SdkException ex)
        {
            throw Failed(ex.ErrorCode, ex);
        }
    }

    private TokenMintException Failed(MomentoErrorCode code, SdkException inner)
    {
        var failure = MomentoErrorClasses.ToMintFailure(code);
        MomentoLog.CallFailed(logger, Operation, code, failure.ToString());
        return new TokenMintException(failure, $"Momento {Operation} failed with {code}.", inner);
    }
}
