using System.Net;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Profiles;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CourseComments.Tests.Profiles;

/// <summary>Issue 14's budget: a new comment is answered after two sequential store calls (the claim, with the
/// profile read and the author's count alongside it, then the push) and nothing is written after the answer; an
/// author's further comments cost fewer calls (the name is in memory, the count taken in blocks).</summary>
public class WritePathRoundsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_new_comment_is_answered_after_two_sequential_store_calls_and_nothing_follows_the_answer()
    {
        await using var app = await StartAsync();
        var store = (CallRoundsStore)app.Store;
        // Written by another instance's token endpoint: this instance has never seen the name.
        await app.Store.SetAsync(
            ProfileStore.KeyFor("aad:sub-7"), """{"displayName":"Zoë"}""", TimeSpan.FromHours(1), default);
        store.Reset();

        var response = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, tokenId: "aad:sub-7")));
        await Task.Delay(200); // anything written after the answer would show by now
        var calls = store.Calls;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        output.WriteLine(string.Join(", ", calls.Select(c => $"{c.Call} (round {c.Round})")));
        var stored = JsonDocument.Parse(Assert.Single(await app.Store.FetchAsync("123", 10, default))).RootElement;
        Assert.Equal("Zoë", stored.GetProperty("displayName").GetString());
        Assert.Equal(1, Assert.Single(calls, c => c.Call == CallRoundsStore.Claim).Round);
        Assert.Equal(1, Assert.Single(calls, c => c.Call == CallRoundsStore.ProfileRead).Round);
        Assert.Equal(1, Assert.Single(calls, c => c.Call == "Increment comment-count").Round);
        Assert.Equal(2, Assert.Single(calls, c => c.Call == "ListConcatenateFront").Round);
        Assert.Equal(4, calls.Count);
    }

    [Fact]
    public async Task An_authors_later_comments_skip_the_profile_read_and_mostly_the_count()
    {
        await using var app = await StartAsync();
        var store = (CallRoundsStore)app.Store;
        await app.Services.GetRequiredService<ProfileStore>().WriteAsync("aad:sub-7", "Zoë", default);
        store.ProfileReadExpected = false; // written here, so the name is in this instance's memory
        var perComment = new List<IReadOnlyList<(string Call, int Round)>>();

        for (var i = 0; i < 3; i++)
        {
            store.Reset();
            var evt = WebhookRequests.Event(app.Clock, comment: $"comment {i}", tokenId: "aad:sub-7");
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(evt))).StatusCode);
            perComment.Add(store.Calls);
        }

        // Slots are taken 1, then 2: the third comment uses the second block's spare slot.
        Assert.All(perComment, calls => Assert.DoesNotContain(calls, c => c.Call == CallRoundsStore.ProfileRead));
        Assert.Equal([1, 1, 0], perComment.Select(calls => calls.Count(c => c.Call.StartsWith("Increment"))));
        Assert.Equal(
            ["ListConcatenateFront", "SetIfNotExists webhook-event"], perComment[2].Select(c => c.Call).Order());
        var names = (await app.Store.FetchAsync("123", 10, default))
            .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("displayName").GetString());
        Assert.Equal(["Zoë", "Zoë", "Zoë"], names);
    }

    [Fact]
    public async Task A_copy_is_refused_while_the_push_is_in_flight_and_acknowledged_once_the_comment_is_listed()
    {
        await using var app = await StartAsync();
        var store = (CallRoundsStore)app.Store;
        store.HoldPushes();
        var evt = WebhookRequests.Event(app.Clock);
        var first = app.Client.SendAsync(WebhookRequests.Signed(evt));
        await store.PushHeld.Task.WaitAsync(Patience);

        // Another instance (its own writer, the same store) finds the claim but not yet the comment.
        var elsewhere = ActivatorUtilities.CreateInstance<CommentWriter>(app.Services);
        var comment = new CheckedComment("alice", "again"u8.ToArray(), "123", app.Clock.GetUtcNow());
        var eventKey = store.ClaimKey!;
        var during = await elsewhere.RecordOnceAsync(
            eventKey, comment, TimeSpan.FromMinutes(2), new Admitted(), new ClaimAttempt(), default);
        var duringHere = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        store.ReleasePushes();
        Assert.Equal(HttpStatusCode.OK, (await first.WaitAsync(Patience)).StatusCode);
        var after = await elsewhere.RecordOnceAsync(
            eventKey, comment, TimeSpan.FromMinutes(2), new Admitted(), new ClaimAttempt(), default);
        var afterHere = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(RecordOutcome.InFlight, during);
        Assert.Equal(HttpStatusCode.Conflict, duringHere.StatusCode);
        Assert.Equal(RecordOutcome.AlreadyStored, after);
        Assert.Equal(HttpStatusCode.OK, afterHere.StatusCode);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));
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
