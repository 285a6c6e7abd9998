using System.Buffers.Text;
using System.Globalization;
using CourseComments.Http;
using CourseComments.Identity;
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
    RefusalSampler refusals,
    ILogger<TokenEndpoint> logger)
{
    /// <summary>The only request target this endpoint answers: raw, before any decoding or dot-segment
    /// removal.</summary>
    public const string CanonicalPath = "/api/tokens";

    private readonly MomentoOptions momento = momentoOptions.Value;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        if (!RawTarget.HasPath(request, CanonicalPath))
        {
            return Refuse(
                StatusCodes.Status400BadRequest, "non-canonical-target", "Ask for tokens at /api/tokens exactly.");
        }

        if (cors.Apply(request) == OriginCheck.Refused)
        {
            return Refuse(StatusCodes.Status403Forbidden, "origin-not-allowed", "This origin may not request tokens.");
        }

        if (!TryReadReplaced(request, out var replaced))
        {
            return Refuse(
                StatusCodes.Status400BadRequest,
                "invalid-replace",
                "replace must be the unpadded base64url SHA-256 of the token Momento refused.");
        }

        var caller = await callers.ResolveAsync(request, cancellationToken);
        switch (caller.Outcome)
        {
            case CallerOutcome.Anonymous:
                LogRefusal(StatusCodes.Status401Unauthorized, caller.Reason!);
                return Problems.Create(StatusCodes.Status401Unauthorized, "not-signed-in", "Sign in to get a token.");
            case CallerOutcome.InvalidLocalName:
                LogRefusal(StatusCodes.Status400BadRequest, caller.Reason!);
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
            return Throttled(response, ex.RetryAfter, "user-share-spent", userShareSpent: true);
        }
        catch (MintThrottledException ex)
        {
            return Throttled(response, ex.RetryAfter, "throttled-here");
        }
        catch (TokenMintException ex) when (ex.Failure == TokenMintFailure.Throttled)
        {
            return Throttled(response, TimeSpan.FromSeconds(1), "throttled-by-momento");
        }
        catch (TokenMintException ex) when (ex.Failure == TokenMintFailure.Unavailable)
        {
            TokenLog.MintFailed(logger, StatusCodes.Status503ServiceUnavailable, "momento-unavailable", ex);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "unavailable", "Tokens cannot be issued right now. Try again shortly.");
        }
        catch (TokenMintException ex)
        {
            TokenLog.MintFailed(logger, StatusCodes.Status500InternalServerError, "mint-rejected", ex);
            return Problems.Create(StatusCodes.Status500InternalServerError, "token-issuer-failed", "Tokens cannot be issued.");
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
            TokensJsonContext.Default.TokenResponse);
    }

    private string PublishUrl(Uri topicsBaseUrl) =>
        $"{topicsBaseUrl.AbsoluteUri.TrimEnd('/')}/topics/{Uri.EscapeDataString(momento.CacheName)}/{Uri.EscapeDataString(momento.TopicName)}";

    private IResult Throttled(HttpResponse response, TimeSpan retryAfter, string reason, bool userShareSpent = false)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRefusal(StatusCodes.Status429TooManyRequests, reason);
        return userShareSpent
            ? Problems.Create(
                StatusCodes.Status429TooManyRequests,
                "user-throttled",
                "You asked for new tokens too often. Retry after the Retry-After delay.")
            : Problems.Create(
                StatusCodes.Status429TooManyRequests,
                "throttled",
                "Too many tokens are being issued. Retry after the Retry-After delay.");
    }

    private IResult Refuse(int status, string reason, string title)
    {
        LogRefusal(status, reason);
        return Problems.Create(status, reason, title);
    }

    // Expected refusals: Information at most, no stack trace, identical ones sampled.
    private void LogRefusal(int status, string reason)
    {
        if (refusals.ShouldLog($"tokens:{status}:{reason}", out var omitted))
        {
            TokenLog.Refused(logger, status, reason, omitted);
        }
    }

    /// <summary><c>?replace=&lt;fingerprint&gt;</c> (<see cref="TokenIssuer.Fingerprint"/>): the browser's token was
    /// refused (401) although we still consider it fresh, e.g. revoked; naming it lets the issuer mint a new one
    /// instead of handing the same one back.</summary>
    private static bool TryReadReplaced(HttpRequest request, out string? replaced)
    {
        replaced = null;
        if (!request.Query.TryGetValue("replace", out var raw))
        {
            return true;
        }

        var value = raw.Count == 1 ? raw[0] : null;
        if (value is not { Length: 43 } || !Base64Url.IsValid(value, out var length) || length != 32)
        {
            return false;
        }

        replaced = value;
        return true;
    }
}
