using System.Net;
using CourseComments.Comments;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Faults;

/// <summary>
/// A push the delivery stopped waiting for (its response budget ran out) may still land: its claim is settled once
/// the outcome is known, never released blindly, so a redelivery can neither store the comment twice nor lose it.
/// </summary>
public class LatePushTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A first delivery opens the SDK's connection to the emulator and warms the process, so the test's own budget
    // runs out at the push, not at the claim.
    private static async Task<(Support.TestApp App, StoreFaults Store)> StartWarmAsync()
    {
        var (app, store) = await FaultApp.StartAsync(
            Support.TestApp.ResponseBudget(TimeSpan.FromMilliseconds(500)));
        // A cold process may need more than the budget for it; each attempt is a new event.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var warm = await FaultApp.DeliverAllAsync(app, FaultApp.DistinctEvents(app, 1, $"warm{attempt}"));
            if (Assert.Single(warm).Status == HttpStatusCode.OK)
            {
                return (app, store);
            }
        }

        throw new InvalidOperationException("The app never answered a delivery within its budget.");
    }

    [Fact]
    public async Task A_push_that_lands_after_the_503_is_marked_stored_and_a_redelivery_is_not_stored_again()
    {
        var (app, store) = await StartWarmAsync();
        await using var _ = app;
        var slowPush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Fault = (operation, _) => operation == StoreOperation.Push ? slowPush.Task : Task.CompletedTask;
        var events = FaultApp.DistinctEvents(app, 1, "late");

        var first = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        slowPush.SetResult(); // the push goes on and lands, after its delivery was answered
        await app.Services.GetRequiredService<LatePushes>().WhenIdleAsync(CancellationToken.None).WaitAsync(Patience);
        store.Fault = null;
        var again = Assert.Single(await FaultApp.DeliverAllAsync(app, events));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "late-0"));
    }

    [Fact]
    public async Task A_push_that_fails_after_the_503_releases_its_claim_and_a_redelivery_stores_it_once()
    {
        var (app, store) = await StartWarmAsync();
        await using var _ = app;
        var slowPush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Fault = async (operation, _) =>
        {
            if (operation == StoreOperation.Push)
            {
                await slowPush.Task;
                throw new CommentStoreException(StoreFailure.Unavailable, "injected");
            }
        };
        var events = FaultApp.DistinctEvents(app, 1, "late-fail");

        var first = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        var whileUnsettled = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        slowPush.SetResult();
        await app.Services.GetRequiredService<LatePushes>().WhenIdleAsync(CancellationToken.None).WaitAsync(Patience);
        store.Fault = null;
        var again = Assert.Single(await FaultApp.DeliverAllAsync(app, events));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, whileUnsettled.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "late-fail-0"));
    }
}
