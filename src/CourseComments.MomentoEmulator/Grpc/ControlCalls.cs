using CourseComments.MomentoEmulator.Auth;
using CourseComments.MomentoEmulator.Cache;
using Grpc.Core;
using Momento.Protos.CachePing;
using Momento.Protos.ControlClient;
using static CourseComments.MomentoEmulator.Grpc.CallChecks;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>Momento's control calls (service <c>control_client.ScsControl</c>: CreateCache, DeleteCache,
/// ListCaches; super-user only) and the SDK's eager-connection Ping (<c>cache_client.Ping</c>).</summary>
internal sealed class ControlCalls(CacheStore store, EmulatorTokenCodec codec, TimeProvider time)
{
    /// <summary>Momento's longest cache name.</summary>
    public const int MaxCacheNameLength = 255;

    public Task<_CreateCacheResponse> CreateCache(_CreateCacheRequest request, ServerCallContext context)
    {
        SuperUser(context);
        NotEmpty(request.CacheName, "cache_name");
        if (request.CacheName.Length > MaxCacheNameLength)
        {
            throw Invalid($"cache_name is at most {MaxCacheNameLength} characters.");
        }

        return store.CreateCache(request.CacheName)
            ? Task.FromResult(new _CreateCacheResponse())
            : throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"Cache '{request.CacheName}' already exists."));
    }

    public Task<_DeleteCacheResponse> DeleteCache(_DeleteCacheRequest request, ServerCallContext context)
    {
        SuperUser(context);
        store.DeleteCache(request.CacheName);
        return Task.FromResult(new _DeleteCacheResponse());
    }

    public Task<_ListCachesResponse> ListCaches(_ListCachesRequest request, ServerCallContext context)
    {
        SuperUser(context);
        var response = new _ListCachesResponse();
        response.Cache.AddRange(store.ListCaches().Select(name => new _Cache { CacheName = name }));
        return Task.FromResult(response);
    }

    public static Task<_PingResponse> Ping(_PingRequest request, ServerCallContext context) => Task.FromResult(
        new _PingResponse());

    private void SuperUser(ServerCallContext context)
    {
        if (!Caller.FromCall(context, codec, time.GetUtcNow()).IsSuperUser)
        {
            throw Denied("Only a super-user key may manage caches.");
        }
    }
}
