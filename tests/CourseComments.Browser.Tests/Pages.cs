using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CourseComments.Browser.Tests;

/// <summary>Debian's Chromium, headless, and the client page opened in a fresh context as a local-mode user.</summary>
internal static class Pages
{
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        SetDefaultExpectTimeout(15_000);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.RequirePath(),
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public static async Task<IPage> OpenAsync(
        IBrowser browser, LiveApp app, string user, string course = "202", bool fakeTimers = false)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        if (fakeTimers)
        {
            // Real time keeps flowing; the test can also jump the page's clock ahead.
            await page.Clock.InstallAsync();
        }

        await page.GotoAsync(new Uri(app.BaseUrl, "/api/client").ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeHiddenAsync();
        await page.GetByLabel("Display name").FillAsync(user);
        await page.GetByLabel("Course").SelectOptionAsync(course);
        return page;
    }
}
