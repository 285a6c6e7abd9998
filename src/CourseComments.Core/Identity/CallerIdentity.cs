using System.Text.Json;
using CourseComments.Http;
using CourseComments.Json;
using CourseComments.Platform;
using CourseComments.Profiles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CourseComments.Identity;

public enum CallerOutcome
{
    /// <summary><see cref="CallerIdentity.TokenId"/> holds the caller's id.</summary>
    Identified,

    /// <summary>No identity we may trust: no principal, a malformed one, or one without a user id.</summary>
    Anonymous,

    /// <summary>Local mode: the body is not <c>{"user":"name"}</c> with a safe name of at most 64 characters.</summary>
    InvalidLocalName,
}

/// <summary>Who is asking, reduced to the id their tokens will carry and their public display name (null when they
/// have no usable one; see <see cref="Profiles.PrincipalDisplayName"/>).</summary>
public sealed record CallerIdentity(
    CallerOutcome Outcome, string? TokenId = null, string? Reason = null, string? DisplayName = null)
{
    public static CallerIdentity Anonymous(string reason) => new(CallerOutcome.Anonymous, Reason: reason);
}

/// <summary>
/// Finds the caller: with Easy Auth on, from the platform's <c>X-MS-CLIENT-PRINCIPAL</c> alone; in local mode, from
/// the name a developer puts in the body; otherwise nobody. Principal headers seen while Easy Auth is off were not
/// written by the platform and are ignored, and the body is never read outside local mode.
/// </summary>
public sealed class CallerIdentityResolver(AzurePlatform platform, IOptions<MomentoOptions> momento)
{
    private const int MaxLocalBodyBytes = 1024;

    public async Task<CallerIdentity> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (platform.IsEasyAuthEnabled)
        {
            return FromPrincipal(request.Headers[ClientPrincipal.HeaderName]);
        }

        if (momento.Value.Mode == MomentoMode.Local)
        {
            // The chosen name is both the token id and the display name (a valid local name is a valid display name).
            var local = await FromLocalBodyAsync(request, cancellationToken);
            return local with { DisplayName = local.TokenId };
        }

        return CallerIdentity.Anonymous("no-identity-provider");
    }

    private static CallerIdentity FromPrincipal(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return CallerIdentity.Anonymous("principal-missing");
        }

        var principal = ClientPrincipal.Decode(header);
        if (principal is null)
        {
            return CallerIdentity.Anonymous("principal-malformed");
        }

        return principal.ProviderUserId is { } userId
            ? new CallerIdentity(
                CallerOutcome.Identified,
                UserTokenId.FromProvider(principal.AuthType, userId),
                DisplayName: PrincipalDisplayName.From(principal))
            : CallerIdentity.Anonymous("principal-without-user-id");
    }

    private static async Task<CallerIdentity> FromLocalBodyAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request, MaxLocalBodyBytes, cancellationToken);
        if (body is null)
        {
            return new CallerIdentity(CallerOutcome.InvalidLocalName, Reason: "local-body-too-large");
        }

        // One leading byte order mark is ignored, as RFC 8259 allows.
        var json = body.AsSpan();
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        if (json.IsEmpty)
        {
            return CallerIdentity.Anonymous("local-user-missing");
        }

        LocalUserRequest? named;
        try
        {
            named = JsonSerializer.Deserialize(json, AppJsonContext.Default.LocalUserRequest);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            named = null;
        }

        if (named is { User: null })
        {
            return CallerIdentity.Anonymous("local-user-missing");
        }

        return named?.User is { } user && UserTokenId.IsValidLocalName(user)
            ? new CallerIdentity(CallerOutcome.Identified, user)
            : new CallerIdentity(CallerOutcome.InvalidLocalName, Reason: "local-user-invalid");
    }
}
