using CourseComments.MomentoEmulator.Auth;
using CourseComments.MomentoEmulator.Hosting;
using Grpc.Core;
using Momento.Protos.PermissionMessages;
using Momento.Protos.TokenClient;
using static CourseComments.MomentoEmulator.Grpc.CallChecks;
using static Momento.Protos.PermissionMessages.PermissionsType.Types;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>
/// Momento's token call (service <c>token.Token</c>): GenerateDisposableToken mints a token this emulator signs and
/// later verifies, with the requested explicit permissions, expiry and token id. Only the super-user may mint
/// (Momento requires a super-user key; a disposable token is refused).
/// </summary>
internal sealed class TokenCalls(EmulatorTokenCodec codec, EmulatorEndpoints endpoints, TimeProvider time)
{
    /// <summary>Momento's limits: a disposable token lives at most 25 hours and holds at most 20 permissions.</summary>
    public const int MaxValidForSeconds = 25 * 60 * 60;

    public const int MaxPermissions = 20;

    /// <summary>A bound of our own, so a token id cannot bloat every message it publishes.</summary>
    public const int MaxTokenIdLength = 256;

    public Task<_GenerateDisposableTokenResponse> GenerateDisposableToken(
        _GenerateDisposableTokenRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var credential = string.IsNullOrEmpty(request.AuthToken) ? context.RequestHeaders.GetValue("authorization")
            : request.AuthToken;
        var caller = Caller.Resolve(credential, codec, now)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid or expired auth token."));
        if (!caller.IsSuperUser)
        {
            throw Denied("Only a super-user key may generate disposable tokens.");
        }

        var seconds = request.Expires?.ValidForSeconds ?? 0;
        if (seconds is 0 or > MaxValidForSeconds)
        {
            throw Invalid($"expires.valid_for_seconds must be between 1 and {MaxValidForSeconds}.");
        }

        if (request.TokenId.Length > MaxTokenIdLength)
        {
            throw Invalid($"token_id is at most {MaxTokenIdLength} characters.");
        }

        var permissions = Validated(request.Permissions);
        var expiresAt = now.AddSeconds(seconds);
        return Task.FromResult(new _GenerateDisposableTokenResponse
        {
            ApiKey = codec.Encode(new TokenGrant(permissions, expiresAt, request.TokenId)),
            Endpoint = endpoints.TokenEndpoint,
            ValidUntil = (ulong)expiresAt.ToUnixTimeSeconds(),
        });
    }

    private static ExplicitPermissions Validated(Permissions? permissions)
    {
        if (permissions?.KindCase != Permissions.KindOneofCase.Explicit
            || permissions.Explicit.Permissions.Count is 0 or > MaxPermissions)
        {
            throw Invalid($"A disposable token needs 1 to {MaxPermissions} explicit permissions.");
        }

        foreach (var permission in permissions.Explicit.Permissions)
        {
            var valid = permission.KindCase switch
            {
                PermissionsType.KindOneofCase.CachePermissions =>
                    permission.CachePermissions.Role != CacheRole.CachePermitNone
                    && permission.CachePermissions.CacheCase != CachePermissions.CacheOneofCase.None,
                PermissionsType.KindOneofCase.TopicPermissions =>
                    permission.TopicPermissions.Role != TopicRole.TopicPermitNone
                    && permission.TopicPermissions.CacheCase != TopicPermissions.CacheOneofCase.None
                    && permission.TopicPermissions.TopicCase != TopicPermissions.TopicOneofCase.None,
                _ => false,
            };
            if (!valid)
            {
                throw Invalid("Each permission must be a cache or topic permission with a role and selectors.");
            }
        }

        return permissions.Explicit;
    }
}
