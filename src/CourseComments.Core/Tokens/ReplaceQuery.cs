using System.Buffers.Text;
using Microsoft.AspNetCore.Http;

namespace CourseComments.Tokens;

/// <summary>The token endpoint's optional <c>replace</c> query parameter.</summary>
internal static class ReplaceQuery
{
    /// <summary><c>?replace=&lt;fingerprint&gt;</c> (<see cref="TokenIssuer.Fingerprint"/>): the browser's token was
    /// refused (401) although we still consider it fresh, e.g. revoked; naming it lets the issuer mint a new one
    /// instead of handing the same one back.</summary>
    public static bool TryRead(HttpRequest request, out string? replaced)
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
