using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CourseComments.Browser.Tests;

/// <summary>The same flow without a browser, so it runs everywhere: token (minted by the Momento emulator through
/// Momento.Sdk), direct publish to the emulator, webhook over HTTP, read.</summary>
public sealed class HttpFlowTests
{
    [Fact]
    public async Task A_comment_published_with_a_minted_token_is_delivered_verified_and_stored()
    {
        await using var app = await LiveApp.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseUrl };

        var tokenResponse = await http.PostAsJsonAsync("/api/tokens", new { user = "carol" });
        tokenResponse.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement;
        var publishUrl = token.GetProperty("publishUrl").GetString()!;
        Assert.Equal(new Uri(app.TopicsBaseUrl, "/topics/course-comments/comment").ToString(), publishUrl);

        using var publish = new HttpRequestMessage(HttpMethod.Post, publishUrl)
        {
            Content = new StringContent(
                """{"courseId":303,"comment":"Straight to the topic"}""", Encoding.UTF8, "text/plain"),
        };
        publish.Headers.TryAddWithoutValidation("Authorization", token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(publish)).StatusCode);

        var comments = await WaitForCommentsAsync(http, "303");
        var only = Assert.Single(comments.EnumerateArray());
        Assert.Equal("carol", only.GetProperty("userID").GetString());
        Assert.Equal("carol", only.GetProperty("displayName").GetString());
        Assert.Equal("Straight to the topic", only.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task A_message_beginning_with_a_byte_order_mark_is_delivered_and_stored()
    {
        await using var app = await LiveApp.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var token = JsonDocument.Parse(await (await http.PostAsJsonAsync("/api/tokens", new { user = "bom" }))
            .Content.ReadAsStringAsync()).RootElement;

        // Some editors and tools put U+FEFF in front of text; RFC 8259 lets a JSON parser ignore it.
        using var publish = new HttpRequestMessage(HttpMethod.Post, token.GetProperty("publishUrl").GetString())
        {
            Content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. """{"courseId":"bom","comment":"after a BOM"}"""u8]),
        };
        publish.Content.Headers.ContentType = new("text/plain");
        publish.Headers.TryAddWithoutValidation("Authorization", token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(publish)).StatusCode);

        Assert.Equal("after a BOM", Assert.Single((await WaitForCommentsAsync(http, "bom")).EnumerateArray())
            .GetProperty("comment").GetString());
    }

    /// <summary>Delivery is asynchronous (Momento acknowledges the publish first), so look until it arrives.</summary>
    private static async Task<JsonElement> WaitForCommentsAsync(HttpClient http, string course)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var view = JsonDocument.Parse(await http.GetStringAsync($"/api/courses/{course}/comments", patience.Token))
                .RootElement;
            if (view.GetProperty("comments").GetArrayLength() > 0)
            {
                return view.GetProperty("comments");
            }

            await Task.Delay(100, patience.Token);
        }
    }
}
