using System.Net;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Profiles;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CourseComments.Tests.Profiles;

/// <summary>Issue 14's budget: the profile lookup must not add a sequential store call to a new comment's
/// path.</summary>
public class WritePathRoundsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_profile_read_runs_alongside_the_claim_and_adds_no_sequential_store_call()
    {
        await using var app = await TestApp.StartAsync(configureServices: services =>
            services.AddSingleton<ICommentStore>(
                provider => new CallRoundsStore(ActivatorUtilities.CreateInstance<MomentoCommentStore>(provider))));
        var store = (CallRoundsStore)app.Store;
        await app.Services.GetRequiredService<ProfileStore>().WriteAsync("aad:sub-7", "Zoë", default);
        store.Reset();

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
        var withoutProfileRead = calls.Where(c => c.Call != CallRoundsStore.ProfileRead).Max(c => c.Round);
        Assert.Equal(withoutProfileRead, calls.Max(c => c.Round));
    }
}
