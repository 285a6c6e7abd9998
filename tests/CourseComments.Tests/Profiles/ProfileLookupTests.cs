using System.Net;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Identity;
using CourseComments.Profiles;
using CourseComments.Tests.Faults;
using CourseComments.Tests.Support;
using CourseComments.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CourseComments.Tests.Profiles;

/// <summary>The webhook stores each comment with its author's display name, looked up by token id; a missing or
/// unreadable profile never stops a comment.</summary>
public class ProfileLookupTests
{
    private const string Zoe = "aad:sub-7";

    [Fact]
    public async Task In_Azure_mode_a_signed_in_users_comment_is_stored_and_read_with_their_display_name()
    {
        await using var host = await TokenHost.StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento" }, TokenHost.EasyAuthOn);
        var principal = TokenHost.Principal(
            "aad", (ClientPrincipal.NameIdentifierClaim, "sub-7"), ("name", "Zoë Ångström"));
        var token = await host.Client.SendAsync(TokenHost.TokenRequest(principal: principal));
        var tokenId = (await TokenHost.JsonAsync(token)).GetProperty("tokenId").GetString()!;

        var delivered = await host.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(host.Clock, tokenId: tokenId)));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var stored = JsonDocument.Parse(Assert.Single(await host.Store.FetchAsync("123", 10, default))).RootElement;
        Assert.Equal(tokenId, stored.GetProperty("userID").GetString());
        Assert.Equal("Zoë Ångström", stored.GetProperty("displayName").GetString());
        var read = Assert.Single((await WebhookRequests.CommentsAsync(host.Client, "123")).EnumerateArray());
        Assert.Equal(tokenId, read.GetProperty("userID").GetString());
        Assert.Equal("Zoë Ångström", read.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task In_local_mode_the_chosen_user_name_is_the_display_name()
    {
        await using var app = await TestApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(TokenHost.LocalUser("carol"))).StatusCode);

        await DeliverAsync(app, "carol");

        var read = Assert.Single((await WebhookRequests.CommentsAsync(app.Client, "123")).EnumerateArray());
        Assert.Equal("carol", read.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_missing_profile_stores_the_comment_with_the_fallback_and_logs_no_personal_data()
    {
        var logs = new FakeLogCollector();
        await using var app = await TestApp.StartAsync(configureServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
            services.Configure<LoggerFilterOptions>(filter => filter.MinLevel = LogLevel.Information);
        });

        var response = await DeliverAsync(app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DisplayName.Fallback, await StoredDisplayNameAsync(app.Store));
        Assert.Contains(logs.Lines(), line => line.StartsWith("Information:", StringComparison.Ordinal)
            && line.Contains("outcome missing", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines(), line => line.Contains("sub-7", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StoreFailure.Unavailable)]
    [InlineData(StoreFailure.Throttled)]
    [InlineData(StoreFailure.Rejected)]
    public async Task An_unreadable_profile_still_stores_the_comment_with_the_fallback(StoreFailure failure)
    {
        var (app, store) = await FaultApp.StartAsync();
        await using var _ = app;
        await WriteProfileElsewhereAsync(app, Zoe, "Zoë");
        store.Fault = (operation, _) => operation == StoreOperation.ReadClaim
            ? throw new CommentStoreException(failure, "profile read failed")
            : Task.CompletedTask;

        var response = await DeliverAsync(app);
        var stored = await StoredDisplayNameAsync(app.Store);
        store.Fault = null;
        var later = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "later", tokenId: Zoe)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DisplayName.Fallback, stored);
        // The failure is not remembered: the next comment reads the profile again.
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var names = (await app.Store.FetchAsync("123", 10, default))
            .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("displayName").GetString());
        Assert.Equal(["Zoë", DisplayName.Fallback], names);
    }

    [Fact]
    public async Task A_profile_read_that_hangs_is_given_up_after_the_call_timeout_and_the_comment_is_stored()
    {
        var (app, store) = await FaultApp.StartAsync(services =>
            services.PostConfigure<ProfilesOptions>(options => options.CallTimeout = TimeSpan.FromMilliseconds(100)));
        await using var _ = app;
        await WriteProfileElsewhereAsync(app, Zoe, "Zoë");
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Fault = (operation, ct) =>
        {
            if (operation != StoreOperation.ReadClaim)
            {
                return Task.CompletedTask;
            }

            reading.TrySetResult();
            return Task.Delay(Timeout.Infinite, ct);
        };

        var delivery = DeliverAsync(app);
        // The call timeout runs on the app's fake clock: once the read hangs, its 100 ms pass (again, should the
        // timeout's timer not have been set yet).
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        while (!delivery.IsCompleted)
        {
            app.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(delivery, Task.Delay(50));
        }

        var response = await delivery;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DisplayName.Fallback, await StoredDisplayNameAsync(app.Store));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"name":"Zoë"}""")]
    [InlineData("""{"displayName":"\u202EZoë"}""")]
    [InlineData("""{"displayName":"Zoë\ud800"}""")]
    [InlineData("""{"displayName":"Zoë","displayName":"Mallory"}""")]
    public async Task A_profile_item_that_breaks_the_rules_is_read_as_the_fallback(string profile)
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SetAsync(ProfileStore.KeyFor(Zoe), profile, TimeSpan.FromHours(1), default);

        var response = await DeliverAsync(app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DisplayName.Fallback, await StoredDisplayNameAsync(app.Store));
    }

    [Fact]
    public async Task A_duplicate_delivery_keeps_the_first_stored_name()
    {
        await using var app = await TestApp.StartAsync();
        await WriteProfileAsync(app, Zoe, "Zoë");
        var evt = WebhookRequests.Event(app.Clock, tokenId: Zoe);
        await app.Client.SendAsync(WebhookRequests.Signed(evt));
        await WriteProfileAsync(app, Zoe, "Zoë Renamed");

        var again = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Zoë", await StoredDisplayNameAsync(app.Store));
    }

    [Fact]
    public async Task A_name_changed_at_this_instances_next_mint_shows_on_the_next_comment()
    {
        await using var app = await TestApp.StartAsync();
        await WriteProfileAsync(app, Zoe, "Zoë");
        await DeliverAsync(app);
        await WriteProfileAsync(app, Zoe, "Zoë Renamed");

        await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "renamed", tokenId: Zoe)));

        var names = (await app.Store.FetchAsync("123", 10, default))
            .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("displayName").GetString());
        Assert.Equal(["Zoë Renamed", "Zoë"], names);
    }

    private static Task WriteProfileAsync(TestApp app, string tokenId, string displayName) =>
        app.Services.GetRequiredService<ProfileStore>().WriteAsync(tokenId, displayName, default);

    /// <summary>As another instance's token endpoint would: this instance has no copy of the name in memory.</summary>
    private static Task WriteProfileElsewhereAsync(TestApp app, string tokenId, string displayName) =>
        app.Store.SetAsync(
            ProfileStore.KeyFor(tokenId), $$"""{"displayName":"{{displayName}}"}""", TimeSpan.FromHours(1), default);

    private static Task<HttpResponseMessage> DeliverAsync(TestApp app, string tokenId = Zoe) =>
        app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock, tokenId: tokenId)));

    private static async Task<string?> StoredDisplayNameAsync(ICommentStore store)
    {
        var item = JsonDocument.Parse(Assert.Single(await store.FetchAsync("123", 10, default))).RootElement;
        return item.GetProperty("displayName").GetString();
    }
}
