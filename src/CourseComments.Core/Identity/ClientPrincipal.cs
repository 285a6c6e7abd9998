using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseComments.Identity;

/// <summary>
/// The principal App Service Authentication (Easy Auth) forwards in <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of a JSON
/// object with the identity provider (<c>auth_typ</c>) and the signed-in user's claims. Only trustworthy when the
/// platform says Easy Auth is on (<see cref="Platform.AzurePlatform.IsEasyAuthEnabled"/>).
/// </summary>
public sealed record ClientPrincipal(
    [property: JsonPropertyName("auth_typ")] string AuthType,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClientPrincipalClaim> Claims)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    public const string NameIdentifierClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
    public const string ObjectIdentifierClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    /// <returns>The principal, or null when the header is missing, not base64, not the expected JSON, or empty.</returns>
    /// <remarks>No size limit of its own: the server's header limit (Kestrel: 32 KB for all headers) bounds it, and
    /// Entra ID sends up to 200 group claims (about 18 KB) before switching to an overage claim.</remarks>
    public static ClientPrincipal? Decode(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header, bytes, out var length))
        {
            return null;
        }

        try
        {
            var principal = JsonSerializer.Deserialize(bytes.AsSpan(0, length), IdentityJsonContext.Default.ClientPrincipal);
            return principal is { AuthType.Length: > 0 } ? principal : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The provider's stable id for the user, in this order: Entra ID's tenant and object ids as <c>tid/oid</c> when
    /// both are present (the same person in every client application of the tenant); else the name identifier (which
    /// Entra ID makes pairwise, different per client application); else the object id alone. Claims are taken by
    /// their URI (<c>.../claims/tenantid</c>, <c>.../claims/objectidentifier</c>) or short name (<c>tid</c>,
    /// <c>oid</c>).
    /// </summary>
    public string? ProviderUserId
    {
        get
        {
            var objectId = FirstValue(ObjectIdentifierClaim) ?? FirstValue("oid");
            var tenantId = FirstValue(TenantIdClaim) ?? FirstValue("tid");
            return objectId is not null && tenantId is not null
                ? $"{tenantId}/{objectId}"
                : FirstValue(NameIdentifierClaim) ?? objectId;
        }
    }

    private string? FirstValue(string type) =>
        Claims.FirstOrDefault(claim => claim.Type == type && !string.IsNullOrEmpty(claim.Value))?.Value;
}

public sealed record ClientPrincipalClaim(
    [property: JsonPropertyName("typ")] string Type,
    [property: JsonPropertyName("val")] string Value);
