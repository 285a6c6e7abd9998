using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

public enum OriginCheck
{
    /// <summary>No <c>Origin</c> header: not a cross-origin browser request (curl, a server, a same-origin GET).</summary>
    None,
    Allowed,
    Refused,
}

/// <summary>
/// CORS for <c>/api/tokens</c>, done by the endpoint itself so every host behaves the same: the dev server and tests
/// get preflights and headers from here; in Azure the platform's CORS (<c>siteConfig.cors</c>) answers first and
/// takes precedence. Requests from refused origins are turned away, not merely left unreadable, so a page on
/// another site cannot spend a signed-in user's mints.
/// </summary>
public sealed class TokenCors(IOptions<CorsOptions> options, IOptions<MomentoOptions> momento, AzurePlatform platform)
{
    public const string AnyOrigin = "*";

    private const string AllowedRequestHeaders = "Content-Type, Authorization, X-ZUMO-AUTH";

    private readonly HashSet<string> allowed = options.Value.AllowedOrigins
        .Select(Normalize).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly bool allowAny = options.Value.AllowedOrigins.Contains(AnyOrigin);
    private readonly bool allowCredentials = options.Value.AllowCredentials;
    private readonly bool localMode = momento.Value.Mode == MomentoMode.Local;

    /// <returns><c>scheme://host[:port]</c> as browsers send it in <c>Origin</c>, or null when not an http(s) origin.</returns>
    public static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Checks the request's origin and, when allowed, adds the CORS response headers.</summary>
    public OriginCheck Apply(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.Append("Vary", "Origin");
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin))
        {
            return OriginCheck.None;
        }

        if (!IsAllowed(origin, request))
        {
            return OriginCheck.Refused;
        }

        response.Headers.AccessControlAllowOrigin = origin;
        if (allowCredentials)
        {
            response.Headers.AccessControlAllowCredentials = "true";
        }

        return OriginCheck.Allowed;
    }

    /// <summary><c>OPTIONS /api/tokens</c>: the browser asks whether it may POST from its origin.</summary>
    public IResult Preflight(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        if (Apply(request) != OriginCheck.Allowed
            || !HttpMethods.IsPost(request.Headers.AccessControlRequestMethod.ToString()))
        {
            response.Headers.Remove("Access-Control-Allow-Origin");
            response.Headers.Remove("Access-Control-Allow-Credentials");
            return Problems.Create(StatusCodes.Status403Forbidden, "origin-not-allowed", "This origin may not request tokens.");
        }

        response.Headers.AccessControlAllowMethods = "POST";
        response.Headers.AccessControlAllowHeaders = AllowedRequestHeaders;
        response.Headers.AccessControlMaxAge = "600";
        return TypedResults.NoContent();
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (Normalize(origin) is not { } normalized || !Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return allowAny
            || allowed.Contains(normalized)
            || (localMode && uri.IsLoopback)
            || IsSameOrigin(uri, request);
    }

    // Browsers send Origin on same-origin POSTs too; a page served by this very host is not cross-origin. Same origin
    // means same scheme, host and port. In Azure the front end ends TLS and the app may see http, so the scheme
    // there is https (the deployment sets HTTPS Only).
    private bool IsSameOrigin(Uri origin, HttpRequest request)
    {
        var scheme = platform.IsAzure ? Uri.UriSchemeHttps : request.Scheme;
        var host = request.Host;
        var port = host.Port ?? (scheme == Uri.UriSchemeHttps ? 443 : 80);
        return host.HasValue
            && origin.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase)
            && origin.Host.Equals(host.Host, StringComparison.OrdinalIgnoreCase)
            && origin.Port == port;
    }
}
