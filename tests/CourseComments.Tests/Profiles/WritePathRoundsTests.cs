using System.Net;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Profiles;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CourseComments.Tests.Profiles;

/// <summary>Issue 14's budget: a new comment is answered after two sequential store calls (the claim, with the
/// profile read alongside it, then the push); the "stored" mark follows the answer.</summary>
public class WritePathRoundsTests(ITestOutputHelper output)
{
    private const string Mark = "Set webhook-event";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_new_comment_is_answered_after_two_sequential_store_calls_and_marked_stored_afterwards()
    {
        await using var app = await StartAsync();
        var store = (CallRoundsStore)app.Store;
        await app.Services.GetRequiredService<ProfileStore>().WriteAsync("aad:sub-7", "Zoë", default);
        store.Reset();
        store.HoldMarks();

        // Answered while the mark is held: the answer does not wait for it.
        var response = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, tokenId: "aad:sub-7")));
        var calls = store.Calls;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        output.WriteLine(string.Join(", ", calls.Select(c => $"{c.Call} (round {c.Round})")));
        var stored = JsonDocument.Parse(Assert.Single(await app.Store.FetchAsync("123", 10, default))).RootElement;
        Assert.Equal("Zoë", stored.GetProperty("displayName").GetString());
        Assert.Equal(1, Assert.Single(calls, c => c.Call == CallRoundsStore.Claim).Round);
        Assert.Equal(1, Assert.Single(calls, c => c.Call == CallRoundsStore.ProfileRead).Round);
        Assert.Equal(1, Assert.Single(calls, c => c.Call == "Increment comment-count").Round);
        Assert.Equal(2, Assert.Single(calls, c => c.Call == "ListPushFront").Round);
        Assert.Equal(2, calls.Where(c => c.Call != Mark).Max(c => c.Round));
        Assert.False(store.MarkWritten.Task.IsCompleted);
        Assert.Equal("pending", await app.Store.GetAsync(store.ClaimKey!, default));

        store.ReleaseMarks();
        await store.MarkWritten.Task.WaitAsync(Patience);
        Assert.Equal(StoredMarks.Value, await app.Store.GetAsync(store.ClaimKey!, default));
    }

    [Fact]
    public async Task A_duplicate_during_the_mark_is_acknowledged_here_refused_elsewhere_and_never_stored_twice()
    {
        await using var app = await StartAsync();
        var store = (CallRoundsStore)app.Store;
        store.HoldMarks();
        var evt = WebhookRequests.Event(app.Clock);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(evt))).StatusCode);

        // This instance knows the push succeeded; another instance (its own writer and marks, the same store) sees
        // only "pending", which could as well be a push in flight, so it refuses without acknowledging.
        var here = await app.Client.SendAsync(WebhookRequests.Signed(evt));
        var elsewhere = ActivatorUtilities.CreateInstance<CommentWriter>(
            app.Services, new StoredMarks(app.Store, NullLogger<StoredMarks>.Instance));
        var comment = new StoredComment("alice", "again", "123", app.Clock.GetUtcNow());
        var eventKey = store.ClaimKey!;
        var outcome = await elsewhere.RecordOnceAsync(
            eventKey, comment, TimeSpan.FromMinutes(2), new Admitted(), default);

        Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        Assert.Equal(RecordOutcome.InFlight, outcome);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));

        store.ReleaseMarks();
        await store.MarkWritten.Task.WaitAsync(Patience);
        var later = await elsewhere.RecordOnceAsync(
            eventKey, comment, TimeSpan.FromMinutes(2), new Admitted(), default);
        Assert.Equal(RecordOutcome.AlreadyStored, later);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(evt))).StatusCode);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_marks_in_flight()
    {
        await using var app = await StartAsync();
        var store = (CallRoundsStore)app.Store;
        store.HoldMarks();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock)))).StatusCode);
        var marks = app.Services.GetRequiredService<StoredMarks>();
        Assert.Contains(marks, app.Services.GetServices<IHostedService>());

        var stopping = marks.StopAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(stopping.IsCompleted);

        store.ReleaseMarks();
        await stopping.WaitAsync(Patience);
        Assert.Equal(StoredMarks.Value, await app.Store.GetAsync(store.ClaimKey!, default));
    }

    private static Task<TestApp> StartAsync() => TestApp.StartAsync(configureServices: services =>
        services.AddSingleton<ICommentStore>(
            provider => new CallRoundsStore(ActivatorUtilities.CreateInstance<MomentoCommentStore>(provider))));

    /// <summary>The other instance's admission: the author is within their limit.</summary>
    private sealed class Admitted : ICommentAdmission
    {
        public Task<bool> AdmitAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public Task UndoAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
