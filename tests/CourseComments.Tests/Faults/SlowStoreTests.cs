using System.Net;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Faults;

/// <summary>
/// Momento gives up on a delivery after 5 s, so the webhook answers within its budget (WebhookOptions.ResponseBudget,
/// under 5 s) however slow the store is, and acknowledges only what it stored. No test here measures time: each
/// one makes the store slower or faster than the budget by construction.
/// </summary>
public class SlowStoreTests
{
    [Fact]
    public async Task A_store_slower_than_the_budget_gets_503_and_nothing_is_stored()
    {
        var (app, store) = await FaultApp.StartAsync(TestApp.ResponseBudget(TimeSpan.FromMilliseconds(200)));
        await using var _ = app;
        var never = new TaskCompletionSource();
        store.Fault = (operation, ct) => operation == StoreOperation.Push ? never.Task.WaitAsync(ct)
            : Task.CompletedTask;

        var answer = (await FaultApp.DeliverAllAsync(app, FaultApp.DistinctEvents(app, 1, "slow")))[0];

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal(0, await FaultApp.StoredCountAsync(app, "slow-0"));
    }

    [Fact]
    public async Task A_store_that_ignores_cancellation_still_gets_an_answer_within_the_budget()
    {
        var (app, store) = await FaultApp.StartAsync(TestApp.ResponseBudget(TimeSpan.FromMilliseconds(200)));
        await using var _ = app;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Fault = (operation, _) => operation == StoreOperation.Push ? release.Task : Task.CompletedTask;

        // The store stays stuck until the answer has arrived: an endpoint that waited for it would never answer.
        var delivery = FaultApp.DeliverAllAsync(app, FaultApp.DistinctEvents(app, 1, "stuck"));
        var finished = await Task.WhenAny(delivery, Task.Delay(TimeSpan.FromSeconds(30)));
        release.SetResult();

        Assert.Same(delivery, finished);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await delivery)[0].Status);
    }

    [Fact]
    public async Task A_slow_store_inside_the_budget_is_acknowledged_and_stored()
    {
        var (app, store) = await FaultApp.StartAsync();
        await using var _ = app;
        store.Fault = (_, ct) => Task.Delay(TimeSpan.FromMilliseconds(100), ct);

        var answer = (await FaultApp.DeliverAllAsync(app, FaultApp.DistinctEvents(app, 1, "slowish")))[0];

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("{}", answer.Body);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "slowish-0"));
    }
}
