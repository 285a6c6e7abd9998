using System.Diagnostics;
using CourseComments.MomentoEmulator.Faults;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;
using static CourseComments.Emulator.Tests.EmulatorServer;
using static CourseComments.Emulator.Tests.TopicEvents;

namespace CourseComments.Emulator.Tests;

/// <summary>Faults injected at the emulator reach Momento.Sdk as Momento's own would.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private EmulatorServer server = null!;

    private EmulatorFaults Faults => server.Host.Services.GetRequiredService<EmulatorFaults>();

    public async Task InitializeAsync() => server = await StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_injected_status_fails_only_the_named_method_and_only_as_often_as_asked()
    {
        var cache = server.CacheClient();
        Faults.Fail("ListPushFront", StatusCode.Unavailable, times: 1);

        var failed = Assert.IsType<CacheListPushFrontResponse.Error>(await cache.ListPushFrontAsync(Cache, "l", "v"));
        Assert.IsType<CacheSetResponse.Success>(await cache.SetAsync(Cache, "k", "v"));
        Assert.IsType<CacheListPushFrontResponse.Success>(await cache.ListPushFrontAsync(Cache, "l", "v"));

        Assert.Equal(MomentoErrorCode.SERVER_UNAVAILABLE, failed.ErrorCode);
    }

    [Fact]
    public async Task An_injected_delay_holds_the_answer()
    {
        var cache = server.CacheClient();
        Faults.Delay("Get", TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        Assert.IsType<CacheGetResponse.Miss>(await cache.GetAsync(Cache, "k"));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_dropped_stream_is_resubscribed_by_the_sdk_and_later_messages_still_arrive()
    {
        var topics = server.TopicClient();
        using var subscription = await SubscribeAsync(topics, Cache, "dropped");
        await topics.PublishAsync(Cache, "dropped", "before");
        await ReadUntilAsync(subscription, Texts(1));

        Faults.DropStreams();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the SDK waits 500 ms, then resubscribes from its last number
        await topics.PublishAsync(Cache, "dropped", "after");

        var events = await ReadUntilAsync(subscription, seen => seen.OfType<TopicMessage.Text>().Any(m =>
            m.Value == "after"));
        Assert.Equal(2UL, events.OfType<TopicMessage.Text>().Single(m => m.Value == "after").TopicSequenceNumber);
    }
}
