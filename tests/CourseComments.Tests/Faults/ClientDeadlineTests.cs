using System.Net;
using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Platform;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;

namespace CourseComments.Tests.Faults;

/// <summary>
/// In Azure the cache client's deadline (the in-region preset's 1.1 s) is shorter than the webhook's response budget
/// (4 s), so a slow push ends in the SDK's TIMEOUT_ERROR, not in the budget: an answer that says nothing about
/// whether the push was applied. Such a push must be treated as one that may still land, never as a failure.
/// </summary>
public class ClientDeadlineTests
{
    /// <summary>The cache client's deadline in these tests (<see cref="ShortDeadline"/>).</summary>
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_push_past_the_clients_deadline_that_lands_is_never_stored_twice()
    {
        await using var app = await StartWarmAsync();
        var events = FaultApp.DistinctEvents(app, 1, "deadline");

        var first = await DeliverLandingLateAsync(app, StoreOperation.Push, events);
        var again = Assert.Single(await FaultApp.DeliverAllAsync(app, events));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "deadline-0"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    [Fact]
    public async Task A_claim_past_the_clients_deadline_that_lands_is_released_for_a_redelivery()
    {
        await using var app = await StartWarmAsync();
        var events = FaultApp.DistinctEvents(app, 1, "late-claim");

        var first = await DeliverLandingLateAsync(app, StoreOperation.Claim, events);
        var held = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        app.Clock.Advance(LateClaims.SettleDelay);
        var released = await RedeliverUntilAsync(app, events, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, held.Status);
        Assert.Equal(HttpStatusCode.OK, released);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "late-claim-0"));
    }

    [Fact]
    public async Task A_claim_another_delivery_holds_is_not_released_when_this_calls_claim_went_unanswered()
    {
        await using var app = await StartWarmAsync();
        var store = new StoreFaults(app.Faults);
        var events = FaultApp.DistinctEvents(app, 1, "other-claim");
        var pushHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pushGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = 0;
        // The first delivery's claim is answered after the client's deadline and never applied; the second claims
        // and its push is held past the first's settlement, which must find the second's claim and leave it.
        store.Fault = async (operation, _) =>
        {
            if (operation == StoreOperation.Claim && Interlocked.Increment(ref claims) == 1)
            {
                await Task.Delay(2 * Deadline, CancellationToken.None);
                throw new CommentStoreException(StoreFailure.Unavailable, "never applied");
            }

            if (operation == StoreOperation.Push)
            {
                pushHeld.TrySetResult();
                await pushGo.Task;
            }
        };

        var first = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        var second = FaultApp.DeliverAllAsync(app, events);
        await pushHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Clock.Advance(LateClaims.SettleDelay);
        await Task.Delay(500); // the settlement has read the claim
        var third = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        pushGo.TrySetResult();

        Assert.NotEqual(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Equal(HttpStatusCode.OK, Assert.Single(await second).Status);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "other-claim-0"));
    }

    /// <summary>Delivers the events while <paramref name="operation"/> is applied only after the client's deadline
    /// (Momento cannot recall a call it received); returns once the late call has landed and been answered.</summary>
    private static async Task<(HttpStatusCode Status, string? MediaType, string Body)> DeliverLandingLateAsync(
        TestApp app, StoreOperation operation, byte[][] events)
    {
        var store = new StoreFaults(app.Faults);
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Fault = async (called, _) =>
        {
            if (called == operation)
            {
                await Task.Delay(2 * Deadline, CancellationToken.None);
                landed.TrySetResult();
            }
        };

        var first = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        await landed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        store.Fault = null;
        await Task.Delay(200); // the emulator has answered the late call
        return first;
    }

    private static async Task<TestApp> StartWarmAsync()
    {
        var app = await TestApp.StartAsync(configureServices: services =>
        {
            TestApp.ResponseBudget(TimeSpan.FromSeconds(4.5))(services);
            services.AddSingleton(provider => ShortDeadline(provider));
        });
        // A cold connection may take longer than the deadline; each attempt is a new event.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var warm = await FaultApp.DeliverAllAsync(app, FaultApp.DistinctEvents(app, 1, $"warm{attempt}"));
            if (Assert.Single(warm).Status == HttpStatusCode.OK)
            {
                break;
            }
        }

        return app;
    }

    /// <summary>Delivers the events again every 100 ms (real time) until one is answered
    /// <paramref name="wanted"/> or 10 s pass; the last answer.</summary>
    private static async Task<HttpStatusCode> RedeliverUntilAsync(
        TestApp app, byte[][] events, HttpStatusCode wanted)
    {
        var status = HttpStatusCode.Continue;
        for (var tries = 0; tries < 100 && status != wanted; tries++)
        {
            await Task.Delay(100);
            status = Assert.Single(await FaultApp.DeliverAllAsync(app, events)).Status;
        }

        return status;
    }

    /// <summary>Momento clients for the app's emulator whose calls end in TIMEOUT_ERROR after
    /// <see cref="Deadline"/>.</summary>
    internal static MomentoClientFactory ShortDeadline(IServiceProvider provider)
    {
        var momento = provider.GetRequiredService<IOptions<MomentoOptions>>().Value;
        var (host, port) = (momento.LocalHost, momento.LocalPort);
        var logs = provider.GetRequiredService<ILoggerFactory>();
        var ttl = provider.GetRequiredService<IOptions<CommentsOptions>>().Value.Ttl;
        return new MomentoClientFactory(
            _ => new CacheClient(Configurations.Laptop.Latest(logs).WithClientTimeout(Deadline),
                new MomentoLocalProvider(host, port), ttl),
            _ => new AuthClient(AuthConfigurations.Default.Latest(logs), new MomentoLocalProvider(host, port)));
    }
}
