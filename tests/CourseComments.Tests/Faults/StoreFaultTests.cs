using System.Net;
using CourseComments.Comments;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Faults;

/// <summary>
/// Store failures and timeouts while many events are in flight: every one of them gets a non-2xx, none is
/// acknowledged unless its comment is stored, and none is stored twice. After an error answer a later delivery of the
/// same event is stored exactly once; after a push whose outcome is unknown (abandoned at the response budget) it is
/// answered 409 "in flight" until the claim's TTL, since that push may still land.
/// </summary>
public class StoreFaultTests
{
    private const int InFlight = 24;
    private const string InternalDetail = "connection reset by cell-4 (internal detail)";

    [Theory]
    [InlineData(StoreFailure.Unavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(StoreFailure.Throttled, HttpStatusCode.TooManyRequests)]
    [InlineData(StoreFailure.Rejected, HttpStatusCode.ServiceUnavailable)]
    public async Task Every_event_in_flight_when_the_store_fails_is_refused_and_none_is_stored(
        StoreFailure failure, HttpStatusCode expected)
    {
        var (app, store) = await FaultApp.StartAsync();
        await using var _ = app;
        var events = FaultApp.DistinctEvents(app, InFlight, "fail");

        // Every push waits until all events are inside the store at once, then all of them fail.
        var arrived = 0;
        var allInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Fault = async (operation, ct) =>
        {
            if (operation != StoreOperation.Push)
            {
                return;
            }

            if (Interlocked.Increment(ref arrived) == InFlight)
            {
                allInFlight.SetResult();
            }

            await allInFlight.Task.WaitAsync(ct);
            throw new CommentStoreException(failure, InternalDetail);
        };

        var answers = await FaultApp.DeliverAllAsync(app, events);

        Assert.Equal(InFlight, arrived);
        Assert.All(answers, answer =>
        {
            Assert.Equal(expected, answer.Status);
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.DoesNotContain(InternalDetail, answer.Body);
        });
        for (var i = 0; i < InFlight; i++)
        {
            Assert.Equal(0, await FaultApp.StoredCountAsync(app, $"fail-{i}"));
        }

        await AfterRecoveryEachEventIsStoredOnceAsync(app, store, events, "fail");
    }

    [Fact]
    public async Task Every_event_in_flight_when_the_claim_hangs_gets_503_and_none_is_stored()
    {
        var (app, store) = await FaultApp.StartAsync(TestApp.ResponseBudget(TimeSpan.FromMilliseconds(200)));
        await using var _ = app;
        var events = FaultApp.DistinctEvents(app, InFlight, "hang");
        store.Fault = (operation, ct) => operation == StoreOperation.Claim ? Task.Delay(Timeout.Infinite, ct)
            : Task.CompletedTask;

        await AllGet503AndNoneIsStoredAsync(app, events, "hang");

        // No claim was made, so nothing holds the events back.
        await AfterRecoveryEachEventIsStoredOnceAsync(app, store, events, "hang");
    }

    [Fact]
    public async Task Every_event_in_flight_when_the_push_hangs_gets_503_and_its_redelivery_is_held_as_in_flight()
    {
        var (app, store) = await FaultApp.StartAsync(TestApp.ResponseBudget(TimeSpan.FromMilliseconds(200)));
        await using var _ = app;
        var events = FaultApp.DistinctEvents(app, InFlight, "hang");
        store.Fault = (operation, ct) => operation == StoreOperation.Push ? Task.Delay(Timeout.Infinite, ct)
            : Task.CompletedTask;

        await AllGet503AndNoneIsStoredAsync(app, events, "hang");

        // An abandoned push may still land, so its claim stays "pending": a redelivery is never written a second time.
        store.Fault = null;
        var answers = await FaultApp.DeliverAllAsync(app, events);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Conflict, answer.Status));
        Assert.All(answers, answer => Assert.Contains("duplicate-in-flight", answer.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_push_that_lands_after_the_response_budget_is_marked_stored_and_never_stored_twice()
    {
        var (app, store) = await FaultApp.StartAsync(TestApp.ResponseBudget(TimeSpan.FromMilliseconds(200)));
        await using var _ = app;
        var events = FaultApp.DistinctEvents(app, InFlight, "late");
        using var landed = new CountdownEvent(InFlight);
        // The push arrives late and is applied anyway: the store cannot know the caller has given up on it.
        store.Fault = async (operation, _) =>
        {
            if (operation == StoreOperation.Push)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(600), CancellationToken.None);
                landed.Signal();
            }
        };

        var abandoned = await FaultApp.DeliverAllAsync(app, events);
        Assert.All(abandoned, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status));
        Assert.True(landed.Wait(TimeSpan.FromSeconds(30)), "The late pushes did not land.");
        store.Fault = null;
        await app.Services.GetRequiredService<LatePushes>().WhenIdleAsync(CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        var redelivered = await FaultApp.DeliverAllAsync(app, events);

        // Each late push settled as stored: its copies are acknowledged, and not stored again.
        Assert.All(redelivered, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        for (var i = 0; i < InFlight; i++)
        {
            Assert.Equal(1, await FaultApp.StoredCountAsync(app, $"late-{i}"));
        }
    }

    private static async Task AllGet503AndNoneIsStoredAsync(Support.TestApp app, byte[][] events, string prefix)
    {
        var answers = await FaultApp.DeliverAllAsync(app, events);

        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Equal("application/problem+json", answer.MediaType);
        });
        for (var i = 0; i < events.Length; i++)
        {
            Assert.Equal(0, await FaultApp.StoredCountAsync(app, $"{prefix}-{i}"));
        }
    }

    [Fact]
    public async Task Under_random_store_faults_nothing_is_acknowledged_unstored_and_nothing_is_stored_twice()
    {
        const int Seed = 7331;
        const int Events = 150;
        // Each webhook makes several calls to the emulator through Momento.Sdk, hundreds at once on a small machine:
        // the budget leaves them room, and the injected hang outlasts it.
        var (app, store) = await FaultApp.StartAsync(TestApp.ResponseBudget(TimeSpan.FromSeconds(2)));
        await using var _ = app;
        var random = new Random(Seed);
        store.Fault = async (operation, ct) =>
        {
            int roll;
            lock (random)
            {
                roll = random.Next(20);
            }

            switch (roll)
            {
                case 0:
                    throw new CommentStoreException(StoreFailure.Unavailable, InternalDetail);
                case 1:
                    throw new CommentStoreException(StoreFailure.Throttled, InternalDetail);
                case 2:
                    throw new CommentStoreException(StoreFailure.Rejected, InternalDetail);
                case 3:
                    // A hang the store client itself gives up on after a while, as real clients do.
                    await Task.Delay(TimeSpan.FromSeconds(3), ct);
                    throw new CommentStoreException(StoreFailure.Unavailable, InternalDetail);
            }
        };

        // Each event is delivered three times: two copies at once, then one more after both answered.
        var events = FaultApp.DistinctEvents(app, Events, "random");
        var first = await FaultApp.DeliverAllAsync(app, events.Concat(events));
        var again = await FaultApp.DeliverAllAsync(app, events);

        var allowed = new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests,
            HttpStatusCode.ServiceUnavailable };
        Assert.All(first.Concat(again), answer => Assert.Contains(answer.Status, allowed));
        var acknowledged = 0;
        for (var i = 0; i < Events; i++)
        {
            var answers = new[] { first[i], first[Events + i], again[i] };
            var stored = await FaultApp.StoredCountAsync(app, $"random-{i}");
            Assert.True(stored <= 1, $"event {i} was stored {stored} times");
            if (answers.Any(answer => answer.Status == HttpStatusCode.OK))
            {
                acknowledged++;
                Assert.True(stored == 1, $"event {i} was acknowledged but not stored");
            }
        }

        // The faults hit only some operations, so most events got through: the run tested both sides.
        Assert.InRange(acknowledged, 1, Events - 1);
    }

    private static async Task AfterRecoveryEachEventIsStoredOnceAsync(
        Support.TestApp app, StoreFaults store, byte[][] events, string prefix)
    {
        store.Fault = null;
        // Pushes the deliveries gave up on settle first (released once they fail; the hung ones at the SDK's
        // deadline), so a redelivery finds its claim free rather than "pending".
        await app.Services.GetRequiredService<LatePushes>().WhenIdleAsync(CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        var answers = await FaultApp.DeliverAllAsync(app, events);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        for (var i = 0; i < events.Length; i++)
        {
            Assert.Equal(1, await FaultApp.StoredCountAsync(app, $"{prefix}-{i}"));
        }
    }
}
