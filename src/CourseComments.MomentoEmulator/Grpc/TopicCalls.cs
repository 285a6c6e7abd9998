using CourseComments.MomentoEmulator.Auth;
using CourseComments.MomentoEmulator.Cache;
using CourseComments.MomentoEmulator.Faults;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.MomentoEmulator.Topics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Momento.Protos.CacheClient.Pubsub;
using Momento.Protos.Common;
using static CourseComments.MomentoEmulator.Grpc.CallChecks;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>
/// Momento's topic calls (service <c>cache_client.pubsub.Pubsub</c>). A subscription starts with a heartbeat (the
/// SDKs wait for it), then streams items with their sequence number, page and publisher id (the publishing token's
/// id), a discontinuity wherever messages were lost to it, and a heartbeat whenever it is idle.
/// </summary>
internal sealed class TopicCalls(
    TopicPublisher publisher, TopicHub hub, CacheStore caches, EmulatorTokenCodec codec, TimeProvider time,
    IOptions<EmulatorOptions> options, EmulatorFaults faults)
{
    private static readonly _SubscriptionItem Heartbeat = new() { Heartbeat = new _Heartbeat() };

    public Task<_Empty> Publish(_PublishRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, request.CacheName, request.Topic, Access.Write);
        return publisher.Publish(request.CacheName, request.Topic, request.Value ?? new _TopicValue(),
            caller.PublisherId) switch
        {
            PublishOutcome.Published => Task.FromResult(new _Empty()),
            PublishOutcome.CacheNotFound => throw new CacheNotFoundException(request.CacheName),
            PublishOutcome.TooLarge => throw Exhausted(
                $"A topic message is at most {TopicPublisher.MaxMessageBytes} bytes."),
            _ => throw Exhausted("Too many messages are waiting for webhook delivery; try again shortly."),
        };
    }

    public async Task Subscribe(_SubscriptionRequest request, IServerStreamWriter<_SubscriptionItem> stream,
        ServerCallContext context)
    {
        Authorize(context, request.CacheName, request.Topic, Access.Read);
        if (!caches.CacheExists(request.CacheName))
        {
            throw new CacheNotFoundException(request.CacheName);
        }

        // An injected drop resets the HTTP/2 stream, as a lost connection does; the SDKs then resubscribe.
        var http = context.GetHttpContext();
        using var drop = faults.OnDropStreams(http.Abort);
        using var cursor = hub.Subscribe(request.CacheName, request.Topic, request.ResumeAtTopicSequenceNumber,
            request.SequencePage);
        var cancellation = context.CancellationToken;
        try
        {
            await StreamAsync(cursor, stream, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The subscriber went away (unsubscribe, disconnect): the normal end of a subscription.
        }
    }

    private async Task StreamAsync(TopicCursor cursor, IServerStreamWriter<_SubscriptionItem> stream,
        CancellationToken cancellation)
    {
        var batch = new List<HeldMessage>();
        await stream.WriteAsync(Heartbeat, cancellation);
        while (!cancellation.IsCancellationRequested)
        {
            batch.Clear();
            cursor.Read(batch, out var published);
            if (cursor.PendingGap is { } gap)
            {
                cursor.PendingGap = null;
                await stream.WriteAsync(new _SubscriptionItem { Discontinuity = gap }, cancellation);
            }

            foreach (var message in batch)
            {
                await stream.WriteAsync(Item(message, cursor.Page), cancellation);
            }

            if (batch.Count == 0 && !await PublishedWithinHeartbeat(published, cancellation))
            {
                await stream.WriteAsync(Heartbeat, cancellation);
            }
        }
    }

    /// <returns>True when <paramref name="published"/> completed before the heartbeat interval ran out.</returns>
    private async Task<bool> PublishedWithinHeartbeat(Task published, CancellationToken cancellation)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var first = await Task.WhenAny(published, Task.Delay(options.Value.HeartbeatInterval, time, idle.Token));
        await idle.CancelAsync();
        cancellation.ThrowIfCancellationRequested();
        return first == published;
    }

    private static _SubscriptionItem Item(HeldMessage message, ulong page) => new()
    {
        Item = new _TopicItem
        {
            TopicSequenceNumber = message.SequenceNumber,
            SequencePage = page,
            Value = message.Value,
            PublisherId = message.PublisherId,
        },
    };

    private Caller Authorize(ServerCallContext context, string cache, string topic, Access access)
    {
        NotEmpty(cache, "cache_name");
        NotEmpty(topic, "topic");
        var caller = Caller.FromCall(context, codec, time.GetUtcNow());
        return caller.MayUseTopic(cache, topic, access)
            ? caller
            : throw Denied("The token does not permit this operation on this topic.");
    }

    private static RpcException Exhausted(string message) => new(new Status(StatusCode.ResourceExhausted, message));
}
