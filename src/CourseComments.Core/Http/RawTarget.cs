using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CourseComments.Http;

/// <summary>
/// The request target exactly as the client sent it (<see cref="IHttpRequestFeature.RawTarget"/>), before the server
/// decoded <c>%2E</c> and removed dot segments. <c>POST /api/health/../tokens</c> is routed to <c>/api/tokens</c>; a
/// platform that matched its unauthenticated paths on the raw target would have let it through as <c>/api/health</c>.
/// </summary>
public static class RawTarget
{
    /// <summary>True when the raw target's path (query aside) is exactly <paramref name="canonicalPath"/>, ignoring
    /// case only; an absolute-form target (<c>http://host/path</c>) is judged by its path. Without a raw target (a host
    /// that does not keep one) the routed path is judged instead.</summary>
    public static bool HasPath(HttpRequest request, string canonicalPath)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            raw = request.PathBase.Add(request.Path).ToUriComponent();
        }

        var path = raw.AsSpan();
        var query = path.IndexOfAny('?', '#');
        if (query >= 0)
        {
            path = path[..query];
        }

        // Absolute form: the path starts at the first '/' after the authority, taken verbatim (no normalising Uri).
        var authority = path.IndexOf("://");
        if (!path.StartsWith("/") && authority > 0)
        {
            var afterAuthority = path[(authority + 3)..];
            var slash = afterAuthority.IndexOf('/');
            path = slash < 0 ? "/" : afterAuthority[slash..];
        }

        return path.Equals(canonicalPath, StringComparison.OrdinalIgnoreCase);
    }
}
