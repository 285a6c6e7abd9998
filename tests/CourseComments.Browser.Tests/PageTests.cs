using System.Globalization;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CourseComments.Browser.Tests;

/// <summary>
/// The page's own checks and wording, in a real Chromium: a bad display name or comment is explained next to its
/// field (marked invalid for screen readers) and nothing is requested or published; the focus ring is visible
/// enough; nothing the page loads is missing; the heading names the course; bidirectional controls stay inside
/// their field.
/// </summary>
public sealed class PageTests
{
    [ChromiumFact]
    public async Task A_bad_display_name_is_explained_next_to_the_field_before_any_token_is_requested()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        var page = await Pages.OpenAsync(browser, app, "Ada Lovelace");
        var tokenRequests = 0;
        page.Request += (_, request) => tokenRequests += request.Url.EndsWith("/api/tokens", StringComparison.Ordinal)
            ? 1 : 0;

        await page.GetByLabel("Your comment").FillAsync("hello");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        var name = page.GetByLabel("Display name");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToBeFocusedAsync();
        await Expect(page.Locator("#user-error"))
            .ToHaveTextAsync("Use 1-64 letters, digits, '.', '_', '@' or '-' (no spaces).");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("'@'.*Use 1-64"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeEmptyAsync();
        Assert.Equal(0, tokenRequests);

        // Corrected, the mark goes and the comment is posted.
        await name.FillAsync("ada@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your comment is posted.");
        await Expect(name).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [ChromiumFact]
    public async Task A_comment_the_webhook_would_refuse_is_explained_and_never_published()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        var page = await Pages.OpenAsync(browser, app, "carol");
        var publishes = 0;
        page.Request += (_, request) =>
            publishes += request.Url.StartsWith(app.TopicsBaseUrl.ToString(), StringComparison.Ordinal) ? 1 : 0;
        var comment = page.GetByLabel("Your comment");

        // Set by script: typing cannot produce a lone surrogate, but pasting and scripts can (JavaScript expressions).
        (string Value, string Message)[] refused =
        [
            ("'cut emoji ' + String.fromCharCode(0xD83D)",
                "Your comment has a broken character (half of an emoji?). Remove it and try again."),
            ("String.fromCharCode(0xDE00, 0xD83D) + ' reversed'",
                "Your comment has a broken character (half of an emoji?). Remove it and try again."),
            ("'\\u200B\\u2060\\uFEFF\\u3164\\u2800\\u202E'",
                "Write a comment first: there is nothing visible in it yet."),
            ("'   '", "Write a comment first: there is nothing visible in it yet."),
            ("'a'.repeat(1001)", "A comment is at most 1000 characters; this one has 1001."),
            // 1,000 characters, but JSON writes each control character as six bytes: over Momento's 4 KB.
            ("'\\u0001'.repeat(999) + 'a'", "That comment is too long to publish. Please shorten it."),
        ];
        foreach (var (value, message) in refused)
        {
            await comment.EvaluateAsync($"box => {{ box.value = {value}; }}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            await Expect(page.Locator("#comment-error")).ToHaveTextAsync(message);
            await Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
        }

        Assert.Equal(0, publishes);
        Assert.Empty(await app.Services.GetRequiredService<ICommentStore>().FetchAsync("202", 10, default));
    }

    [ChromiumFact]
    public async Task The_focus_ring_has_at_least_3_to_1_contrast_against_the_page_and_the_form()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        var page = await Pages.OpenAsync(browser, app, "erin");

        foreach (var label in new[] { "Display name", "Course", "Your comment" })
        {
            await page.GetByLabel(label).FocusAsync();
            var ring = await page.GetByLabel(label).EvaluateAsync<string>("e => getComputedStyle(e).outlineColor");
            var form = await page.EvaluateAsync<string>(
                "() => getComputedStyle(document.querySelector('form')).backgroundColor");
            var body = await page.EvaluateAsync<string>(
                "() => getComputedStyle(document.documentElement).backgroundColor");
            Assert.True(
                Contrast(ring, form) >= 3, $"{label}: ring {ring} on form {form} is {Contrast(ring, form):F2}:1");
            Assert.True(
                Contrast(ring, body) >= 3, $"{label}: ring {ring} on page {body} is {Contrast(ring, body):F2}:1");
        }
    }

    [ChromiumFact]
    public async Task Loading_the_page_requests_nothing_missing_and_the_heading_names_the_course()
    {
        await using var app = await LiveApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(new Uri(app.BaseUrl, "/api/client").ToString());
        var icon = await page.Locator("link[rel=icon]").EvaluateAsync<string>("link => link.href");
        var iconResponse = await page.APIRequest.GetAsync(icon);
        Assert.Equal(200, iconResponse.Status);
        Assert.Equal("image/svg+xml", iconResponse.Headers["content-type"]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToHaveTextAsync("Comments on 101 · Caching fundamentals, newest first");

        await page.GetByLabel("Course").SelectOptionAsync("303");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToHaveTextAsync("Comments on 303 · Real-time messaging, newest first");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(failed);
    }

    [ChromiumFact]
    public async Task Bidirectional_text_cannot_reorder_the_author_and_the_time()
    {
        await using var app = await LiveApp.StartAsync();
        // A right-to-left name (allowed) and a comment opening with an unterminated right-to-left override (visible
        // text, so stored): neither may pull the time in front of the author.
        var item = new StoredComment(
            "dov", "\u202Ereversed text", "202",
                DateTimeOffset.Parse("2026-11-21T12:30:00Z", CultureInfo.InvariantCulture), "\u05D3\u05D5\u05D3 7");
        await app.Services.GetRequiredService<ICommentStore>().ConcatenateFrontAsync(
            "202", [JsonSerializer.SerializeToUtf8Bytes(item, AppJsonContext.Default.StoredComment)], 100,
            TimeSpan.FromHours(1), default);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Pages.LaunchAsync(playwright);
        var page = await Pages.OpenAsync(browser, app, "frank");

        var entry = page.Locator("#comments li").First;
        await Expect(entry.Locator(".author")).ToHaveTextAsync("\u05D3\u05D5\u05D3 7");
        var author = (await entry.Locator(".author").BoundingBoxAsync())!;
        var time = (await entry.Locator("time").BoundingBoxAsync())!;
        var text = (await entry.Locator(".text").BoundingBoxAsync())!;
        Assert.True(time.X >= author.X + author.Width,
            $"the time ({time.X}) is drawn before the author ({author.X}..{author.X + author.Width})");
        Assert.True(text.Y >= author.Y + author.Height, "the comment is drawn on the author's line");
        foreach (var field in new[] { entry.Locator(".author"), entry.Locator("time"), entry.Locator(".text") })
        {
            Assert.Equal("isolate", await field.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
        }
    }

    /// <summary>WCAG 2.x contrast ratio of two CSS <c>rgb()</c>/<c>rgba()</c> colours.</summary>
    private static double Contrast(string first, string second)
    {
        static double Luminance(string css)
        {
            var parts = css[(css.IndexOf('(') + 1)..css.IndexOf(')')].Split(',').Take(3)
                .Select(part => double.Parse(part, CultureInfo.InvariantCulture) / 255)
                .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4))
                .ToArray();
            return (0.2126 * parts[0]) + (0.7152 * parts[1]) + (0.0722 * parts[2]);
        }

        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }
}
