using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseComments.Delivery;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Profiles;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CourseComments.Browser.Tests;

/// <summary>
/// The whole flow in a real Chromium against the app on Kestrel: the page gets a token, publishes straight to the
/// Momento emulator, the emulator delivers the signed webhook over HTTP (or, in Subscription mode, the app's own
/// subscriber receives it), the comment is stored, and the page shows it.
/// </summary>
[Collection(ConsoleOutputTests.ScreenshotWriters)]
public sealed class BrowserFlowTests(ITestOutputHelper output, ConsoleLines console) : IClassFixture<ConsoleLines>
{
    private const string Course = "202";
    private const string ScriptComment = "<script>window.__injected = true</script><b>not bold</b>";
    private const string AzureUser = "aad:6f1c2d3e-sub";
    private const string AzureUserName = "مريم <b>Zoë</b>";

    [ChromiumFact]
    public async Task Two_users_see_each_others_comments_as_text_and_an_expired_token_is_replaced_losing_no_comment()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);

        var alice = await Pages.OpenAsync(browser, app, "alice");
        await PostAsync(alice, "Alice was here");
        await Expect(alice.Locator("#comments li")).ToHaveCountAsync(1);

        var bob = await Pages.OpenAsync(browser, app, "bob");
        // Bob submits with the keyboard alone: the comment box, Tab to the button, Enter.
        await bob.GetByLabel("Your comment").FillAsync(ScriptComment);
        await bob.GetByLabel("Your comment").PressAsync("Tab");
        await bob.Keyboard.PressAsync("Enter");

        foreach (var page in new[] { alice, bob })
        {
            await ExpectComments(page, ("bob", ScriptComment), ("alice", "Alice was here"));
            Assert.Equal(0, await page.Locator("#comments b, #comments script").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => window.__injected === undefined"));
        }

        // Time passes on the server: the token Alice's page still holds is expired there, though her page cannot know.
        app.Clock.Advance(TimeSpan.FromHours(2));
        var publishStatuses = new List<int>();
        alice.Response += (_, response) =>
        {
            if (response.Request.Method == "POST"
                && response.Url.StartsWith(app.TopicsBaseUrl.ToString(), StringComparison.Ordinal))
            {
                publishStatuses.Add(response.Status);
            }
        };
        await PostAsync(alice, "Still here after my token expired");

        await ExpectComments(
            alice, ("alice", "Still here after my token expired"), ("bob", ScriptComment), ("alice", "Alice was here"));
        Assert.Equal([401, 204], publishStatuses);
        await Expect(alice.GetByRole(AriaRole.Alert)).ToBeEmptyAsync();
        await Expect(alice.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your comment is posted.");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "two-users.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await alice.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
        console.WriteLine($"Screenshot: {screenshot}");
    }

    [ChromiumFact]
    public async Task In_subscription_mode_the_flow_stores_through_the_apps_own_subscriber_with_no_webhook_delivery()
    {
        await using var app = await LiveApp.StartAsync(DeliveryMode.Subscription);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);

        var alice = await Pages.OpenAsync(browser, app, "alice");
        await PostAsync(alice, "Subscribed, not hooked");
        var bob = await Pages.OpenAsync(browser, app, "bob");
        await PostAsync(bob, "Me too");

        foreach (var page in new[] { alice, bob })
        {
            await ExpectComments(page, ("bob", "Me too"), ("alice", "Subscribed, not hooked"));
        }

        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        using var health = JsonDocument.Parse(await http.GetStringAsync("/api/health"));
        var delivery = health.RootElement.GetProperty("delivery");
        Assert.Equal("Subscription", delivery.GetProperty("mode").GetString());
        Assert.True(delivery.GetProperty("connected").GetBoolean());
        Assert.Equal((2, 2), (delivery.GetProperty("received").GetInt64(), delivery.GetProperty("stored").GetInt64()));
        Assert.Null(app.EmulatorServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.Webhook.Url);
        var refused = await http.PostAsync("/api/webhook", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [ChromiumFact]
    public async Task Authors_show_as_their_display_names_isolated_as_text_with_the_token_id_as_description()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        await SignedInUserCommentsAsync(app, AzureUser, AzureUserName, "Hello from Azure");

        var page = await Pages.OpenAsync(browser, app, "alice");
        await PostAsync(page, "Alice was here");

        await ExpectComments(page, ("alice", "Alice was here"), (AzureUserName, "Hello from Azure"));
        var author = page.Locator("#comments li").Nth(1).Locator(".author");
        await Expect(author).ToHaveAttributeAsync("title", AzureUser);
        await Expect(author).ToHaveAccessibleDescriptionAsync($"User id {AzureUser}");
        Assert.DoesNotContain(AzureUser, await page.Locator("#comments").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#comments b").CountAsync());

        // Every name and comment is its own bidirectional island: a right-to-left name cannot reorder its neighbours.
        foreach (var field in await page.Locator("#comments .author, #comments .text").AllAsync())
        {
            Assert.Equal("isolate", await field.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
            // Its direction comes from its own text.
            Assert.True(await field.EvaluateAsync<bool>("e => e.tagName === 'BDI' || e.dir === 'auto'"));
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "display-names.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
        console.WriteLine($"Screenshot: {screenshot}");
    }

    [ChromiumFact]
    public async Task The_page_fetches_a_new_token_shortly_before_its_token_expires()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        var page = await Pages.OpenAsync(browser, app, "dana", fakeTimers: true);

        var firstToken = page.WaitForResponseAsync(IsTokenResponse);
        await PostAsync(page, "Before the refresh");
        var first = await TokenOf(await firstToken);

        // 29 of the token's 30 minutes pass, on the server and in the page alike; the page's refresh timer fires.
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        var refreshed = page.WaitForResponseAsync(IsTokenResponse);
        await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(29).TotalMilliseconds);
        var second = await TokenOf(await refreshed);
        Assert.NotEqual(first, second);

        var publishStatuses = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST"
                && response.Url.StartsWith(app.TopicsBaseUrl.ToString(), StringComparison.Ordinal))
            {
                publishStatuses.Add(response.Status);
            }
        };
        await PostAsync(page, "After the refresh");
        Assert.Equal([204], publishStatuses);
        await ExpectComments(page, ("dana", "After the refresh"), ("dana", "Before the refresh"));
    }

    /// <summary>What Momento does for a signed-in Azure user, whom local mode cannot sign in: the profile the token
    /// endpoint writes for them, then their comment's signed webhook delivery.</summary>
    private static async Task SignedInUserCommentsAsync(LiveApp app, string tokenId, string displayName, string comment)
    {
        await app.Services.GetRequiredService<ProfileStore>().WriteAsync(tokenId, displayName, default);
        var secrets = await app.Services.GetRequiredService<ISigningSecretSource>().GetAsync(default);
        var now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["cache"] = "course-comments",
            ["topic"] = "comment",
            ["event_timestamp"] = now,
            ["publish_timestamp"] = now,
            ["topic_sequence_number"] = 1,
            ["token_id"] = tokenId,
            ["text"] = new JsonObject { ["courseId"] = Course, ["comment"] = comment }.ToJsonString(),
        }.ToJsonString());
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook")
        {
            Content = new ByteArrayContent(body),
        };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(secrets.Keys[0], body));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }

    private static bool IsTokenResponse(IResponse response) =>
        response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/tokens";

    private static async Task<string?> TokenOf(IResponse response)
    {
        Assert.Equal(200, response.Status);
        return (await response.JsonAsync())?.GetProperty("token").GetString();
    }

    private static async Task PostAsync(IPage page, string comment)
    {
        await page.GetByLabel("Your comment").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your comment is posted.");
    }

    private static async Task ExpectComments(IPage page, params (string Author, string Text)[] expected)
    {
        var items = page.Locator("#comments li");
        await Expect(items.Locator(".author")).ToHaveTextAsync(expected.Select(c => c.Author).ToArray());
        await Expect(items.Locator(".text")).ToHaveTextAsync(expected.Select(c => c.Text).ToArray());
    }
}
