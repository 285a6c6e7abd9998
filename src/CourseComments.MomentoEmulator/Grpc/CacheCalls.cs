using CourseComments.MomentoEmulator.Auth;
using CourseComments.MomentoEmulator.Cache;
using Google.Protobuf;
using Grpc.Core;
using Momento.Protos.CacheClient;
using static CourseComments.MomentoEmulator.Grpc.CallChecks;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>Momento's data calls (service <c>cache_client.Scs</c>) that Momento.Sdk and @gomomento/sdk make on this
/// app's path: Get, Set, SetIf, SetIfNotExists, Increment, Delete, ListPushFront, ListConcatenateFront,
/// ListFetch.</summary>
internal sealed class CacheCalls(CacheStore store, EmulatorTokenCodec codec, TimeProvider time)
{
    public Task<_GetResponse> Get(_GetRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.CacheKey, Access.Read);
        var value = store.Get(cache, request.CacheKey);
        return Task.FromResult(value is null
            ? new _GetResponse { Result = ECacheResult.Miss }
            : new _GetResponse { Result = ECacheResult.Hit, CacheBody = value });
    }

    public Task<_SetResponse> Set(_SetRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.CacheKey, Access.Write);
        store.Set(cache, request.CacheKey, request.CacheBody, Ttl(request.TtlMilliseconds));
        return Task.FromResult(new _SetResponse { Result = ECacheResult.Ok });
    }

    public Task<_SetIfNotExistsResponse> SetIfNotExists(_SetIfNotExistsRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.CacheKey, Access.Write);
        var stored = store.SetIf(cache, request.CacheKey, request.CacheBody, Ttl(request.TtlMilliseconds), current =>
            current is null);
        return Task.FromResult(stored
            ? new _SetIfNotExistsResponse { Stored = new() }
            : new _SetIfNotExistsResponse { NotStored = new() });
    }

    public Task<_SetIfResponse> SetIf(_SetIfRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.CacheKey, Access.Write);
        var condition = Condition(request);
        var stored = store.SetIf(cache, request.CacheKey, request.CacheBody, Ttl(request.TtlMilliseconds), condition);
        return Task.FromResult(stored ? new _SetIfResponse { Stored = new() }
            : new _SetIfResponse { NotStored = new() });
    }

    public Task<_IncrementResponse> Increment(_IncrementRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.CacheKey, Access.Write);
        var value = store.Increment(cache, request.CacheKey, request.Amount, Ttl(request.TtlMilliseconds));
        return Task.FromResult(new _IncrementResponse { Value = value });
    }

    public Task<_DeleteResponse> Delete(_DeleteRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.CacheKey, Access.Write);
        store.Delete(cache, request.CacheKey);
        return Task.FromResult(new _DeleteResponse());
    }

    public Task<_ListPushFrontResponse> ListPushFront(_ListPushFrontRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.ListName, Access.Write);
        var length = store.ListPushFront(
            cache, request.ListName, request.Value, Ttl(request.TtlMilliseconds), request.RefreshTtl,
            (int)Math.Min(request.TruncateBackToSize, int.MaxValue));
        return Task.FromResult(new _ListPushFrontResponse { ListLength = (uint)length });
    }

    public Task<_ListConcatenateFrontResponse> ListConcatenateFront(
        _ListConcatenateFrontRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.ListName, Access.Write);
        var length = store.ListConcatenateFront(
            cache, request.ListName, request.Values, Ttl(request.TtlMilliseconds), request.RefreshTtl,
            (int)Math.Min(request.TruncateBackToSize, int.MaxValue));
        return Task.FromResult(new _ListConcatenateFrontResponse { ListLength = (uint)length });
    }

    public Task<_ListFetchResponse> ListFetch(_ListFetchRequest request, ServerCallContext context)
    {
        var cache = Authorize(context, request.ListName, Access.Read);
        int? start = request.StartIndexCase == _ListFetchRequest.StartIndexOneofCase.InclusiveStart
            ? request.InclusiveStart : null;
        int? end = request.EndIndexCase == _ListFetchRequest.EndIndexOneofCase.ExclusiveEnd ? request.ExclusiveEnd
            : null;
        var values = store.ListFetch(cache, request.ListName, start, end);
        if (values is null)
        {
            return Task.FromResult(new _ListFetchResponse { Missing = new() });
        }

        var found = new _ListFetchResponse.Types._Found();
        found.Values.AddRange(values);
        return Task.FromResult(new _ListFetchResponse { Found = found });
    }

    private string Authorize(ServerCallContext context, ByteString key, Access access)
    {
        var cache = CacheName(context);
        var caller = Caller.FromCall(context, codec, time.GetUtcNow());
        return caller.MayUseCache(cache, key, access)
            ? cache
            : throw Denied("The token does not permit this operation on this cache item.");
    }

    private static Func<ByteString?, bool> Condition(_SetIfRequest request) => request.ConditionCase switch
    {
        _SetIfRequest.ConditionOneofCase.Present => current => current is not null,
        _SetIfRequest.ConditionOneofCase.PresentAndNotEqual =>
            current => current is not null && current != request.PresentAndNotEqual.ValueToCheck,
        _SetIfRequest.ConditionOneofCase.Absent => current => current is null,
        _SetIfRequest.ConditionOneofCase.Equal => current => current == request.Equal.ValueToCheck,
        _SetIfRequest.ConditionOneofCase.AbsentOrEqual =>
            current => current is null || current == request.AbsentOrEqual.ValueToCheck,
        _SetIfRequest.ConditionOneofCase.NotEqual => current => current != request.NotEqual.ValueToCheck,
        _ => throw Invalid("A SetIf condition is required."),
    };
}
