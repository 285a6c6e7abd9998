using System.Runtime.CompilerServices;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Platform;
using CourseComments.Tests.Faults;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CourseComments.Tests.Delivery.DeliveryApp;
using static CourseComments.Tests.Faults.ClientDeadlineTests;

namespace CourseComments.Tests.Delivery;

/// <summary>
/// A topic item's store tries share one claim value (<see cref="ClaimAttempt"/>): a claim whose <c>SetIfNotExists</c>
/// the cache client gave up on (TIMEOUT_ERROR, the in-region deadline) but Momento applied later is the next try's
/// own to push under, unless a push was already sent under it. The cache client's deadline is short here
/// (<see cref="ClientDeadlineTests.Deadline"/>), the try's own timeout longer.
/// </summary>
public sealed class ClaimTakeoverTests
{
    private readonly FakeTopic topic = new();
    private readonly FakeLogCollector logs = new();

    // LateClaims' own clock, so its settle can be run at will while the relay runs in real time.
    private readonly FakeTimeProvider settleClock = new(TestApp.ClockStart);

    [Fact]
    public async Task An_items_claim_that_lands_past_the_clients_deadline_is_taken_over_and_stored_once_and_kept()
    {
        await using var app = await StartAsync();
        var claims = LandFirstClaimLate(app, out var pushes, pushFault: null);

        var position = topic.Publish("alice", Comment(21, "claimed late"));
        await EventuallyAsync(async () => (await app.Store.CommentsAsync("21")).Count == 1, "the comment is stored");
        // The first try's settle finds the claim taken over and pushed under: it must leave it.
        settleClock.Advance(LateClaims.SettleDelay);
        await Task.Delay(500);

        Assert.Equal("claimed late", Assert.Single(await app.Store.CommentsAsync("21")).Comment);
        Assert.Equal((2, 1), (claims(), pushes()));
        Assert.NotNull(await app.Store.GetAsync(OnceKey(app, position), default));
        var health = await app.DeliveryHealthAsync();
        Assert.Equal((1, 0), (health.GetProperty("stored").GetInt64(), health.GetProperty("failed").GetInt64()));
        Assert.Contains(logs.Lines(), line => line.StartsWith(
            $"Warning: Storing the comment for course 21, topic item {position}, failed (store-Unavailable)"));
    }

    [Fact]
    public async Task A_push_past_the_clients_deadline_under_a_taken_over_claim_is_never_pushed_again()
    {
        await using var app = await StartAsync();
        // The taken-over claim's push is answered with TIMEOUT_ERROR and applied later.
        var claims = LandFirstClaimLate(app, out var pushes, pushFault: () => Task.Delay(2 * Deadline));

        var position = topic.Publish("alice", Comment(22, "pushed late"));
        await EventuallyAsync(async () => (await app.DeliveryHealthAsync()).GetProperty("failed").GetInt64() == 1,
            "the comment is reported");
        await EventuallyAsync(async () => (await app.Store.CommentsAsync("22")).Count == 1, "the late push lands");
        await Task.Delay(500);

        Assert.Equal("pushed late", Assert.Single(await app.Store.CommentsAsync("22")).Comment);
        Assert.Equal(1, pushes());
        Assert.True(claims() >= 3, "a try after the push's found the claim held");
        Assert.Contains(logs.Lines(), line => line.StartsWith(
            $"Error: Gave up on the comment for course 22, topic item {position}: a try timed out and may still land"));
    }

    /// <summary>Store faults at the emulator: the first claim is applied only after the client's deadline, and the
    /// claims after it only once it has been; every push runs <paramref name="pushFault"/> first. Returns the claim
    /// count and, in <paramref name="pushes"/>, the push count.</summary>
    private static Func<int> LandFirstClaimLate(TestApp app, out Func<int> pushes, Func<Task>? pushFault)
    {
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (claimCount, pushCount) = (new StrongBox<int>(), new StrongBox<int>());
        new StoreFaults(app.Faults).Fault = async (operation, _) =>
        {
            if (operation == StoreOperation.Claim && Interlocked.Increment(ref claimCount.Value) == 1)
            {
                await Task.Delay(Deadline + TimeSpan.FromSeconds(0.5), CancellationToken.None);
                landed.TrySetResult();
            }
            else if (operation == StoreOperation.Claim)
            {
                await landed.Task;
                await Task.Delay(200, CancellationToken.None); // the emulator has applied the late claim
            }
            else if (operation == StoreOperation.Push)
            {
                Interlocked.Increment(ref pushCount.Value);
                await (pushFault?.Invoke() ?? Task.CompletedTask);
            }
        };
        pushes = () => Volatile.Read(ref pushCount.Value);
        return () => Volatile.Read(ref claimCount.Value);
    }

    private static string OnceKey(TestApp app, TopicPosition position)
    {
        var momento = app.Services.GetRequiredService<IOptions<MomentoOptions>>().Value;
        return $"topic-item:{momento.CacheName}:{momento.TopicName}:{position.Page}:{position.Number}";
    }

    private async Task<TestApp> StartAsync()
    {
        var app = await DeliveryApp.StartAsync(
            topic,
            logs,
            new Dictionary<string, string?> { ["Delivery:Subscribers"] = "1" },
            configureServices: services =>
            {
                services.AddSingleton(provider => ShortDeadline(provider));
                services.Replace(ServiceDescriptor.Singleton(provider => new LateClaims(
                    provider.GetRequiredService<ICommentStore>(),
                    settleClock,
                    provider.GetRequiredService<ILogger<LateClaims>>())));
            });
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        return app;
    }
}
