using Google.Protobuf;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Momento.Protos.CacheClient;
using Momento.Protos.CacheClient.Pubsub;
using Momento.Protos.CachePing;
using Momento.Protos.ControlClient;
using Momento.Protos.TokenClient;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>The one gRPC service object; the method provider binds Momento's services onto its parts.</summary>
internal sealed class EmulatorGrpcService(CacheCalls cache, TopicCalls topics, TokenCalls tokens, ControlCalls control)
{
    public CacheCalls Cache { get; } = cache;

    public TopicCalls Topics { get; } = topics;

    public TokenCalls Tokens { get; } = tokens;

    public ControlCalls Control { get; } = control;
}

/// <summary>
/// Binds Momento's services from Momento.Protos' descriptors: <c>cache_client.Scs</c>, <c>cache_client.Ping</c>,
/// <c>control_client.ScsControl</c>, <c>cache_client.pubsub.Pubsub</c> and <c>token.Token</c>. Methods not bound here
/// answer UNIMPLEMENTED.
/// </summary>
internal sealed class EmulatorMethodProvider : IServiceMethodProvider<EmulatorGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<EmulatorGrpcService> context)
    {
        var scs = Scs.Descriptor;
        Unary<_GetRequest, _GetResponse>(context, scs, "Get", (s, r, c) => s.Cache.Get(r, c));
        Unary<_SetRequest, _SetResponse>(context, scs, "Set", (s, r, c) => s.Cache.Set(r, c));
        Unary<_SetIfRequest, _SetIfResponse>(context, scs, "SetIf", (s, r, c) => s.Cache.SetIf(r, c));
        Unary<_SetIfNotExistsRequest, _SetIfNotExistsResponse>(context, scs, "SetIfNotExists", (s, r, c) =>
            s.Cache.SetIfNotExists(r, c));
        Unary<_IncrementRequest, _IncrementResponse>(context, scs, "Increment", (s, r, c) => s.Cache.Increment(r, c));
        Unary<_DeleteRequest, _DeleteResponse>(context, scs, "Delete", (s, r, c) => s.Cache.Delete(r, c));
        Unary<_ListPushFrontRequest, _ListPushFrontResponse>(context, scs, "ListPushFront", (s, r, c) =>
            s.Cache.ListPushFront(r, c));
        Unary<_ListConcatenateFrontRequest, _ListConcatenateFrontResponse>(context, scs, "ListConcatenateFront",
            (s, r, c) => s.Cache.ListConcatenateFront(r, c));
        Unary<_ListFetchRequest, _ListFetchResponse>(context, scs, "ListFetch", (s, r, c) => s.Cache.ListFetch(r, c));

        Unary<_PingRequest, _PingResponse>(context, Ping.Descriptor, "Ping", (_, r, c) => ControlCalls.Ping(r, c));

        var control = ScsControl.Descriptor;
        Unary<_CreateCacheRequest, _CreateCacheResponse>(context, control, "CreateCache", (s, r, c) =>
            s.Control.CreateCache(r, c));
        Unary<_DeleteCacheRequest, _DeleteCacheResponse>(context, control, "DeleteCache", (s, r, c) =>
            s.Control.DeleteCache(r, c));
        Unary<_ListCachesRequest, _ListCachesResponse>(context, control, "ListCaches", (s, r, c) =>
            s.Control.ListCaches(r, c));

        var pubsub = Pubsub.Descriptor;
        Unary<_PublishRequest, Momento.Protos.Common._Empty>(context, pubsub, "Publish", (s, r, c) =>
            s.Topics.Publish(r, c));
        context.AddServerStreamingMethod(
            ProtoMethods.Find<_SubscriptionRequest, _SubscriptionItem>(pubsub, "Subscribe"),
            [],
            (service, request, stream, call) => service.Topics.Subscribe(request, stream, call));

        Unary<_GenerateDisposableTokenRequest, _GenerateDisposableTokenResponse>(
            context, Token.Descriptor, "GenerateDisposableToken", (s, r, c) => s.Tokens.GenerateDisposableToken(r, c));
    }

    private static void Unary<TRequest, TResponse>(
        ServiceMethodProviderContext<EmulatorGrpcService> context, ServiceDescriptor service, string name,
        UnaryServerMethod<EmulatorGrpcService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        context.AddUnaryMethod(ProtoMethods.Find<TRequest, TResponse>(service, name), [], handler);
}
