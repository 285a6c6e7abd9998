using System.Net;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CourseComments.Tests.Client;

/// <summary>The browser client is served from embedded files under /api/client, in every mode.</summary>
public class BrowserClientTests
{
    [Theory]
    [InlineData("/api/client", "text/html")]
    [InlineData("/api/client/", "text/html")]
    [InlineData("/api/client/index.html", "text/html")]
    [InlineData("/api/client/app.js", "text/javascript")]
    [InlineData("/api/client/app.css", "text/css")]
    public async Task Serves_the_page_and_its_files_with_a_strict_content_security_policy(string path, string mediaType)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")),
            StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_page_loads_its_script_and_style_from_the_api_route()
    {
        await using var app = await TestApp.StartAsync();
        var page = await app.Client.GetStringAsync("/api/client");

        Assert.Contains("""<script type="module" src="/api/client/app.js"></script>""", page, StringComparison.Ordinal);
        Assert.Contains("""<link rel="stylesheet" href="/api/client/app.css">""", page, StringComparison.Ordinal);
        // app.js and the modules it loads: none sets HTML from text.
        foreach (var module in new[] { "app", "checks", "comments", "http", "identity", "page", "publish", "tokens" })
        {
            var script = await app.Client.GetStringAsync($"/api/client/{module}.js");
            Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/client/missing.js")]
    [InlineData("/api/client/..%2FCourseComments.Core.dll")]
    [InlineData("/api/client/BrowserClientEndpoint.cs")]
    public async Task Anything_else_is_404(string path)
    {
        await using var app = await TestApp.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task It_is_served_in_Momento_mode_too()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento" },
            // Momento mode needs a token minter; the real one (Momento.Sdk) lives in the Functions shell.
            services => services.AddSingleton(Substitute.For<ITokenMinter>()));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/client")).StatusCode);
    }
}
