using System.Net;
using System.Text;
using System.Text.Json;
using CourseComments.Tests.Support;
using Grpc.Core;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Tokens;

/// <summary>
/// The token issuer end to end, with no seam: <c>POST /api/tokens</c> mints through the Momento.Sdk adapter against
/// the Momento emulator, and the emulator itself then judges the token when it is used to publish.
/// </summary>
public class TokenEmulatorTests
{
    [Fact]
    public async Task A_minted_token_publishes_to_its_topic_only_and_is_delivered_with_the_users_id()
    {
        await using var app = await TestApp.StartAsync();
        var minted = await JsonAsync(await app.Client.SendAsync(LocalUser("alice")));
        var token = minted.GetProperty("token").GetString()!;

        Assert.Equal(
            new Uri(app.Emulator.Endpoints.HttpBaseUrl, "/topics/course-comments/comment").ToString(),
            minted.GetProperty("publishUrl").GetString());
        using var published = await app.PublishAsync(token, """{"courseId":"101","comment":"Hi"}""");
        using var otherTopic = await app.PublishAsync(token, "x", "/topics/course-comments/other");

        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTopic.StatusCode);
        var stored = await WaitForCommentsAsync(app, "101");
        Assert.Equal("alice", stored[0].GetProperty("userID").GetString());
    }

    [Fact]
    public async Task The_expiry_the_browser_is_told_is_the_one_the_emulator_enforces()
    {
        await using var app = await TestApp.StartAsync();
        var minted = await JsonAsync(await app.Client.SendAsync(LocalUser("alice")));
        var token = minted.GetProperty("token").GetString()!;
        var expiresAt = DateTimeOffset.Parse(minted.GetProperty("expiresAt").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);

        app.Clock.Advance(expiresAt - app.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        using var inTime = await app.PublishAsync(token, """{"courseId":"1","comment":"in time"}""");
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        using var late = await app.PublishAsync(token, """{"courseId":"1","comment":"late"}""");

        Assert.Equal(HttpStatusCode.NoContent, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
    }

    [Theory]
    [InlineData(StatusCode.ResourceExhausted, HttpStatusCode.TooManyRequests)]
    [InlineData(StatusCode.Unavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(StatusCode.PermissionDenied, HttpStatusCode.InternalServerError)]
    public async Task A_failing_auth_service_is_answered_as_its_failure_class(StatusCode status,
        HttpStatusCode expected)
    {
        // A failed mint uses the user's share of the mint budget too; the share is not what this test is about.
        await using var app = await TestApp.StartAsync(new Dictionary<string,
            string?> { ["Tokens:UserMintInterval"] = "00:00:00" });
        app.Faults.Fail("GenerateDisposableToken", status, times: 1);

        using var failed = await app.Client.SendAsync(LocalUser("alice"));
        using var recovered = await app.Client.SendAsync(LocalUser("alice"));

        AssertProblem(failed, (int)expected);
        Assert.DoesNotContain("Injected fault", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    private static async Task<JsonElement> WaitForCommentsAsync(TestApp app, string course)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var view = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/courses/{course}/comments",
                patience.Token));
            if (view.RootElement.GetProperty("comments").GetArrayLength() > 0)
            {
                return view.RootElement.GetProperty("comments");
            }

            await Task.Delay(50, patience.Token);
        }
    }
}
