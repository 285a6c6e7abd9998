using CourseComments.Identity;

namespace CourseComments.Profiles;

/// <summary>
/// The display name in an Easy Auth principal. The claims are tried in <see cref="ClaimOrder"/>; within a claim type
/// the first value counts. A value is taken only when it meets <see cref="DisplayName"/>'s rules and is not an
/// identifier: nothing with an <c>@</c> (an e-mail address or UPN), nothing shaped like a GUID (an object or
/// tenant id), nothing equal to the user's provider id. No usable claim means no name (the caller shows the fallback).
/// </summary>
public static class PrincipalDisplayName
{
    /// <summary>
    /// <c>name</c>: the OpenID Connect display name (Entra ID, Google); the WS-Federation name claim, which App Service
    /// fills for some providers (often a UPN in Entra ID, then skipped as an e-mail address);
    /// <c>preferred_username</c>; <c>nickname</c> (OpenID Connect's casual name).
    /// </summary>
    public static readonly IReadOnlyList<string> ClaimOrder =
    [
        "name",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        "preferred_username",
        "nickname",
    ];

    /// <returns>A valid display name, or null when the principal has none.</returns>
    public static string? From(ClientPrincipal principal)
    {
        var userId = principal.ProviderUserId;
        foreach (var type in ClaimOrder)
        {
            var value = principal.Claims
                .FirstOrDefault(claim => claim.Type == type && !string.IsNullOrEmpty(claim.Value))?.Value;
            if (DisplayName.Sanitize(value) is { } name && !IsIdentifier(name, userId))
            {
                return name;
            }
        }

        return null;
    }

    private static bool IsIdentifier(string name, string? userId) =>
        name.Contains('@', StringComparison.Ordinal)
        || Guid.TryParse(name, out _)
        || string.Equals(name, userId, StringComparison.OrdinalIgnoreCase);
}
