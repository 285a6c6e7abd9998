using System.Net;
using System.Text;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Comments;

/// <summary>Comments for one course that arrive while its push is in flight share the next push, and each is
/// answered only once the push carrying it is.</summary>
public class CourseListPushesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Comments_arriving_during_a_push_go_together_in_the_next_and_are_answered_after_it()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "100",
        });
        var pushes = 0;
        var claims = 0;
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Faults.BeforeCall = async (method, _) =>
        {
            if (method == "SetIfNotExists")
            {
                Interlocked.Increment(ref claims);
            }

            if (method == "ListConcatenateFront" && Interlocked.Increment(ref pushes) == 1)
            {
                firstHeld.TrySetResult();
                await release.Task;
            }
        };

        var first = app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "first")));
        await firstHeld.Task.WaitAsync(Patience);
        var later = Enumerable.Range(0, 5)
            .Select(i => app.Client.SendAsync(
                WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: $"later {i}", tokenId: $"u{i}"))))
            .ToArray();
        await EventuallyAsync(() => Volatile.Read(ref claims) >= 6);
        await Task.Delay(200); // the later ones have reached the push queue
        var answeredBeforeRelease = later.Count(task => task.IsCompleted);
        release.SetResult();
        var answers = await Task.WhenAll([first, .. later]).WaitAsync(Patience);

        Assert.Equal(0, answeredBeforeRelease);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(2, pushes);
        var stored = (await app.Store.FetchAsync("123", 10, default))
            .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("comment").GetString()).ToList();
        Assert.Equal(6, stored.Count);
        Assert.Equal("first", stored[^1]);
    }

    [Fact]
    public async Task When_a_shared_push_fails_no_comment_in_it_is_acknowledged_and_each_is_stored_once_later()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "100",
        });
        var pushes = 0;
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Faults.BeforeCall = async (method, _) =>
        {
            if (method != "ListConcatenateFront")
            {
                return;
            }

            if (Interlocked.Increment(ref pushes) == 1)
            {
                firstHeld.TrySetResult();
                await release.Task;
            }

            throw new RpcException(new Status(StatusCode.Unavailable, "Injected fault."));
        };
        var events = Enumerable.Range(0, 12)
            .Select(i => Encoding.UTF8.GetBytes(WebhookRequests.Event(
                app.Clock, courseId: "shared", comment: $"comment {i}", tokenId: $"u{i % 4}").ToJsonString()))
            .ToArray();

        var first = Send(app, events[0]);
        await firstHeld.Task.WaitAsync(Patience);
        var later = events.Skip(1).Select(body => Send(app, body)).ToArray();
        await Task.Delay(300); // the later ones have joined the queue behind the held push
        release.SetResult();
        var failed = await Task.WhenAll([first, .. later]).WaitAsync(Patience);
        var storedWhileFailing = (await app.Store.FetchAsync("shared", 100, default)).Count;
        var failedPushes = Volatile.Read(ref pushes);
        app.Faults.Clear();
        var again = await Task.WhenAll(events.Select(body => Send(app, body))).WaitAsync(Patience);
        var twice = await Task.WhenAll(events.Select(body => Send(app, body))).WaitAsync(Patience);

        Assert.Equal(2, failedPushes); // the held one, then all the others in one
        Assert.All(failed, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Equal(0, storedWhileFailing);
        Assert.All(again, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(twice, status => Assert.Equal(HttpStatusCode.OK, status));
        var stored = (await app.Store.FetchAsync("shared", 100, default))
            .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("comment").GetString()).ToList();
        Assert.Equal(12, stored.Count);
        Assert.Equal(12, stored.Distinct().Count());
    }

    [Fact]
    public async Task Comments_whose_shared_push_lands_after_their_budget_are_kept_and_never_stored_twice()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Intake:MaxCommentsPerAuthor"] = "100" },
            TestApp.ResponseBudget(TimeSpan.FromSeconds(1)));
        Assert.Equal(HttpStatusCode.OK, await Send(app, Encoding.UTF8.GetBytes(
            WebhookRequests.Event(app.Clock, courseId: "warm").ToJsonString())));
        // Every push is applied, but only after the deliveries stopped waiting for it.
        app.Faults.BeforeCall = (method, _) => method == "ListConcatenateFront"
            ? Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None) : Task.CompletedTask;
        var events = Enumerable.Range(0, 8)
            .Select(i => Encoding.UTF8.GetBytes(WebhookRequests.Event(
                app.Clock, courseId: "late", comment: $"comment {i}", tokenId: $"u{i % 4}").ToJsonString()))
            .ToArray();

        var abandoned = await Task.WhenAll(events.Select(body => Send(app, body))).WaitAsync(Patience);
        for (var i = 0; i < 400 && (await app.Store.FetchAsync("late", 100, default)).Count < events.Length; i++)
        {
            await Task.Delay(25); // the late pushes land
        }

        app.Faults.Clear();
        await app.Services.GetRequiredService<LatePushes>().WhenIdleAsync(default).WaitAsync(Patience);
        var redelivered = await Task.WhenAll(events.Select(body => Send(app, body))).WaitAsync(Patience);

        Assert.All(abandoned, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.All(redelivered, status => Assert.Equal(HttpStatusCode.OK, status));
        var stored = (await app.Store.FetchAsync("late", 100, default))
            .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("comment").GetString()).ToList();
        Assert.Equal(events.Length, stored.Distinct().Count());
        Assert.Equal(events.Length, stored.Count);
    }

    private static async Task<HttpStatusCode> Send(TestApp app, byte[] body)
    {
        using var response = await app.Client.SendAsync(WebhookRequests.Signed(body));
        return response.StatusCode;
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
