using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

public enum OriginCheck
{
    /// <summary>No <c>Origin</c> header: not a cross-origin browser request (curl, a server, a same-origin
    /// GET).</summary>
    None,
    Allowed,
    Refused,
}

/// <summary>
/// CORS for <c>/api/tokens</c>, done by the endpoint itself so every host behaves the same: ASP.NET Core's CORS
/// service evaluates a policy built from <see cref="CorsOptions"/> and writes the headers; in Azure the platform's
/// CORS (<c>siteConfig.cors</c>) answers first and takes precedence. Requests from refused origins are turned away,
/// not merely left unreadable, so a page on another site cannot spend a signed-in user's mints.
/// </summary>
public sealed class TokenCors
{
    public const string AnyOrigin = "*";

    private readonly ICorsService corsService;
    private readonly AzurePlatform platform;
    private readonly CorsPolicy policy;
    private readonly HashSet<string> allowed;
    private readonly bool allowAny;
    private readonly bool localMode;

    public TokenCors(
        ICorsService corsService,
        IOptions<CorsOptions> options,
        IOptions<MomentoOptions> momento,
        AzurePlatform platform)
    {
        this.corsService = corsService;
        this.platform = platform;
        allowed = options.Value.AllowedOrigins.Select(Normalize).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        allowAny = options.Value.AllowedOrigins.Contains(AnyOrigin);
        localMode = momento.Value.Mode == MomentoMode.Local;

        var builder = new CorsPolicyBuilder()
            .SetIsOriginAllowed(IsListed)
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Content-Type", "Authorization", "X-ZUMO-AUTH")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        policy = (options.Value.AllowCredentials ? builder.AllowCredentials() : builder.DisallowCredentials()).Build();
    }

    /// <returns><c>scheme://host[:port]</c> as browsers send it in <c>Origin</c>, or null when not an http(s)
    /// origin.</returns>
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

    /// <summary>Checks the request's origin and, when allowed cross-origin, adds the CORS response headers.</summary>
    public OriginCheck Apply(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.Append("Vary", "Origin");
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin))
        {
            return OriginCheck.None;
        }

        if (Normalize(origin) is not { } normalized || !Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return OriginCheck.Refused;
        }

        if (IsSameOrigin(uri, request))
        {
            return OriginCheck.Allowed;
        }

        var result = corsService.EvaluatePolicy(request.HttpContext, policy);
        if (!result.IsOriginAllowed)
        {
            return OriginCheck.Refused;
        }

        corsService.ApplyResult(result, response);
        return OriginCheck.Allowed;
    }

    /// <summary><c>OPTIONS /api/tokens</c>: the browser asks whether it may POST from its origin.</summary>
    public IResult Preflight(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsPost(request.Headers.AccessControlRequestMethod.ToString())
            || Apply(request) != OriginCheck.Allowed)
        {
            return Problems.Create(
                StatusCodes.Status403Forbidden, "origin-not-allowed", "This origin may not request tokens.");
        }

        return TypedResults.NoContent();
    }

    // The policy's origin test: listed (or any, in local mode only), or a loopback origin in local mode.
    private bool IsListed(string origin) =>
        Normalize(origin) is { } normalized
        && (allowAny
            || allowed.Contains(normalized)
            || (localMode && Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.IsLoopback));

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
