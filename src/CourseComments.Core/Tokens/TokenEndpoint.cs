using System.Globalization;
using CourseComments.Http;
using CourseComments.Identity;
using CourseComments.Json;
using CourseComments.Platform;
using CourseComments.Profiles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

/// <summary>
/// <c>POST /api/tokens</c>: gives the signed-in caller a short-lived token that may only publish to the comments
/// topic and carries the caller's id as its <c>tokenId</c>, the id the webhook later takes as the comment's author.
/// Every answer, errors included, is <c>Cache-Control: no-store</c>.
/// </summary>
public sealed class TokenEndpoint(
    TokenCors cors,
    CallerIdentityResolver callers,
    TokenIssuer issuer,
    ProfileStore profiles,
    IOptions<MomentoOptions> momentoOptions,
    TokenRefusals refusals,
    ILogger<TokenEndpoint> logger)
{
    /// <summary>The only request target this endpoint answers: raw, before any decoding or dot-segment
    /// removal.</summary>
    public const string CanonicalPath = ApiRoutes.PathBase + ApiRoutes.Tokens;

    private readonly MomentoOptions momento = momentoOptions.Value;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        if (!RawTarget.HasPath(request, CanonicalPath))
        {
            return refusals.Refuse(
                StatusCodes.Status400BadRequest, "non-canonical-target", "Ask for tokens at /api/tokens exactly.");
        }

        if (cors.Apply(request) == OriginCheck.Refused)
        {
            return refusals.Refuse(
                StatusCodes.Status403Forbidden, "origin-not-allowed", "This origin may not request tokens.");
        }

        if (!ReplaceQuery.TryRead(request, out var replaced))
        {
            return refusals.Refuse(
                StatusCodes.Status400BadRequest,
                "invalid-replace",
                "replace must be the unpadded base64url SHA-256 of the token Momento refused.");
        }

        var caller = await callers.ResolveAsync(request, cancellationToken);
        switch (caller.Outcome)
        {
            case CallerOutcome.Anonymous:
                refusals.Log(StatusCodes.Status401Unauthorized, caller.Reason!);
                return Problems.Create(StatusCodes.Status401Unauthorized, "not-signed-in", "Sign in to get a token.");
            case CallerOutcome.InvalidLocalName:
                refusals.Log(StatusCodes.Status400BadRequest, caller.Reason!);
                return Problems.Create(
                    StatusCodes.Status400BadRequest,
                    "invalid-user",
                    """The body must be {"user":"name"} with a name of 1-64 letters, digits, '_', '.', '@' or '-'.""");
        }

        MintedToken token;
        try
        {
            token = await issuer.GetAsync(caller.TokenId!, replaced, cancellationToken);
        }
        catch (MintThrottledException ex) when (ex.UserShareSpent)
        {
            return refusals.Throttled(response, ex.RetryAfter, "user-share-spent", userShareSpent: true);
        }
        catch (MintThrottledException ex)
        {
            return refusals.Throttled(response, ex.RetryAfter, "throttled-here");
        }
        catch (TokenMintException ex) when (ex.Failure == TokenMintFailure.Throttled)
        {
            return refusals.Throttled(response, TimeSpan.FromSeconds(1), "throttled-by-momento");
        }
        catch (TokenMintException ex) when (ex.Failure == TokenMintFailure.Unavailable)
        {
            TokenLog.MintFailed(logger, StatusCodes.Status503ServiceUnavailable, "momento-unavailable", ex);
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                "unavailable",
                "Tokens cannot be issued right now. Try again shortly.");
        }
        catch (TokenMintException ex)
        {
            TokenLog.MintFailed(logger, StatusCodes.Status500InternalServerError, "mint-rejected", ex);
            return Problems.Create(
                StatusCodes.Status500InternalServerError, "token-issuer-failed", "Tokens cannot be issued.");
        }

        // Once per token handed out, minted or reused: token requests are rare (a page asks once per token lifetime)
        // and off the comment path, and rewriting each time keeps a renamed user's name current and restores a
        // profile the cache evicted, which remembering what was written could not. Written before the answer, so a
        // comment published with this token finds it; a failed write only costs the fallback name.
        await profiles.WriteAsync(caller.TokenId!, caller.DisplayName, cancellationToken);

        return TypedResults.Json(
            new TokenResponse(
                token.Token,
                token.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                caller.TokenId!,
                momento.CacheName,
                momento.TopicName,
                PublishUrl(token.TopicsBaseUrl)),
            AppJsonContext.Default.TokenResponse);
    }

    private string PublishUrl(Uri topicsBaseUrl) =>
        $"{topicsBaseUrl.AbsoluteUri.TrimEnd('/')}/topics/"
        + $"{Uri.EscapeDataString(momento.CacheName)}/{Uri.EscapeDataString(momento.TopicName)}";
}
