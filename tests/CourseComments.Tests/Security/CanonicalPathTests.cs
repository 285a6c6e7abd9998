using System.Net;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 3: the token endpoint answers only its canonical raw target, so a dot-segment path that
/// the server normalises to it (and a platform might have judged by its raw prefix) is refused.</summary>
public class CanonicalPathTests
{
    private const string LocalUser = """{"user":"alice"}""";

    [Theory]
    [InlineData("/api/health/../tokens")]
    [InlineData("/api/webhook/%2E%2E/tokens")]
    [InlineData("/api/webhook/%2e%2e/tokens?x=1")]
    [InlineData("/api/./tokens")]
    [InlineData("/api//tokens")]
    [InlineData("/api/tokens/")]
    [InlineData("/api/tok%65ns")]
    [InlineData("http://example.com/api/health/../tokens")]
    public async Task A_token_request_whose_raw_target_is_not_canonical_is_refused(string target)
    {
        await using var app = await KestrelApp.StartAsync(IPAddress.Loopback);

        var status = await app.SendAsync($"POST {target} HTTP/1.1\r\nContent-Type: application/json", LocalUser);

        Assert.True(status is 400 or 404, $"{target} answered {status}");
    }

    [Theory]
    [InlineData("/api/tokens")]
    [InlineData("/api/tokens?replace=")]
    [InlineData("/API/Tokens")]
    public async Task The_canonical_target_is_served(string target)
    {
        await using var app = await KestrelApp.StartAsync(IPAddress.Loopback);

        var status = await app.SendAsync($"POST {target} HTTP/1.1\r\nContent-Type: application/json", LocalUser);

        Assert.Equal(target.Contains("replace", StringComparison.Ordinal) ? 400 : 200, status);
    }
}
