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
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_push_past_the_clients_deadline_that_lands_is_never_stored_twice()
    {
        await using var app = await TestApp.StartAsync(configureServices: services =>
        {
            TestApp.ResponseBudget(TimeSpan.FromSeconds(4.5))(services);
            services.AddSingleton(provider => ShortDeadline(provider));
        });
        var store = new StoreFaults(app.Faults);
        // A cold connection may take longer than the deadline; each attempt is a new event.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var warm = await FaultApp.DeliverAllAsync(app, FaultApp.DistinctEvents(app, 1, $"warm{attempt}"));
            if (Assert.Single(warm).Status == HttpStatusCode.OK)
            {
                break;
            }
        }

        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Applied after the client stopped waiting: Momento cannot recall a call it received.
        store.Fault = async (operation, _) =>
        {
            if (operation == StoreOperation.Push)
            {
                await Task.Delay(2 * Deadline, CancellationToken.None);
                landed.TrySetResult();
            }
        };
        var events = FaultApp.DistinctEvents(app, 1, "deadline");

        var first = Assert.Single(await FaultApp.DeliverAllAsync(app, events));
        await landed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        store.Fault = null;
        await Task.Delay(200); // the emulator has answered the late call
        var again = Assert.Single(await FaultApp.DeliverAllAsync(app, events));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(1, await FaultApp.StoredCountAsync(app, "deadline-0"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    private static MomentoClientFactory ShortDeadline(IServiceProvider provider)
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
