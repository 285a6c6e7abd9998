using Google.Protobuf;
using Grpc.Core;
using Momento.Protos.PermissionMessages;
using static Momento.Protos.PermissionMessages.PermissionsType.Types;

namespace CourseComments.MomentoEmulator.Auth;

/// <summary>What a call wants to do to a cache item or a topic.</summary>
public enum Access
{
    Read,
    Write,
}

/// <summary>
/// Who is calling. An empty credential is the local super-user: Momento's <c>MomentoLocalProvider</c> sends an empty
/// <c>authorization</c> header, as momento-local expects. Any other credential must be a token this emulator minted.
/// </summary>
public sealed class Caller
{
    private static readonly Caller SuperUser = new(null);

    private Caller(TokenGrant? grant) => Grant = grant;

    /// <summary>The disposable token's grant; null for the local super-user.</summary>
    public TokenGrant? Grant { get; }

    /// <summary>The publisher id subscribers see (Momento's <c>publisher_id</c>): the token id, empty for the
    /// super-user.</summary>
    public string PublisherId => Grant?.TokenId ?? "";

    /// <summary>Resolves a credential (the <c>authorization</c> header, or a request's <c>auth_token</c>): a token's
    /// <c>api_key</c>, or the whole base64 <c>{"endpoint","api_key"}</c> envelope the SDKs hand out, which Momento's
    /// HTTP API accepts too.</summary>
    /// <returns>The caller, or null when the credential is not a valid, unexpired emulator token.</returns>
    public static Caller? Resolve(string? credential, EmulatorTokenCodec codec, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(credential))
        {
            return SuperUser;
        }

        var grant = codec.Decode(EmulatorTokenCodec.Unwrap(credential));
        return grant is null || grant.ExpiresAt <= now ? null : new Caller(grant);
    }

    /// <summary>The caller of a gRPC call, from its <c>authorization</c> header.</summary>
    /// <exception cref="RpcException">UNAUTHENTICATED: a credential that is not a valid, unexpired token.</exception>
    public static Caller FromCall(ServerCallContext context, EmulatorTokenCodec codec, DateTimeOffset now) =>
        Resolve(context.RequestHeaders.GetValue("authorization"), codec, now)
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid or expired auth token."));

    public bool MayUseCache(string cache, ByteString key, Access access) =>
        Grant is null || Grant.Permissions.Permissions.Any(p =>
            p.KindCase == PermissionsType.KindOneofCase.CachePermissions
            && Permits(p.CachePermissions.Role, access)
            && Selects(p.CachePermissions, cache)
            && Selects(p.CachePermissions, key));

    public bool MayUseTopic(string cache, string topic, Access access) =>
        Grant is null || Grant.Permissions.Permissions.Any(p =>
            p.KindCase == PermissionsType.KindOneofCase.TopicPermissions
            && Permits(p.TopicPermissions.Role, access)
            && Selects(p.TopicPermissions, cache)
            && SelectsTopic(p.TopicPermissions, topic));

    /// <summary>True when the caller may manage caches and mint tokens (only the super-user may).</summary>
    public bool IsSuperUser => Grant is null;

    private static bool Permits(CacheRole role, Access access) => role switch
    {
        CacheRole.CacheReadWrite => true,
        CacheRole.CacheReadOnly => access == Access.Read,
        CacheRole.CacheWriteOnly => access == Access.Write,
        _ => false,
    };

    private static bool Permits(TopicRole role, Access access) => role switch
    {
        TopicRole.TopicReadWrite => true,
        TopicRole.TopicReadOnly => access == Access.Read,
        TopicRole.TopicWriteOnly => access == Access.Write,
        _ => false,
    };

    private static bool Selects(CachePermissions permission, string cache) =>
        permission.CacheCase == CachePermissions.CacheOneofCase.AllCaches
        || (permission.CacheCase == CachePermissions.CacheOneofCase.CacheSelector
            && permission.CacheSelector.CacheName == cache);

    private static bool Selects(CachePermissions permission, ByteString key) => permission.CacheItemCase switch
    {
        CachePermissions.CacheItemOneofCase.None or CachePermissions.CacheItemOneofCase.AllItems => true,
        _ => permission.ItemSelector.KindCase switch
        {
            CacheItemSelector.KindOneofCase.Key => permission.ItemSelector.Key == key,
            CacheItemSelector.KindOneofCase.KeyPrefix => key.Span.StartsWith(permission.ItemSelector.KeyPrefix.Span),
            _ => false,
        },
    };

    private static bool Selects(TopicPermissions permission, string cache) =>
        permission.CacheCase == TopicPermissions.CacheOneofCase.AllCaches
        || (permission.CacheCase == TopicPermissions.CacheOneofCase.CacheSelector
            && permission.CacheSelector.CacheName == cache);

    private static bool SelectsTopic(TopicPermissions permission, string topic) => permission.TopicCase switch
    {
        TopicPermissions.TopicOneofCase.AllTopics => true,
        TopicPermissions.TopicOneofCase.TopicSelector => permission.TopicSelector.KindCase switch
        {
            TopicSelector.KindOneofCase.TopicName => permission.TopicSelector.TopicName == topic,
            TopicSelector.KindOneofCase.TopicNamePrefix => topic.StartsWith(permission.TopicSelector.TopicNamePrefix,
                StringComparison.Ordinal),
            _ => false,
        },
        _ => false,
    };
}
