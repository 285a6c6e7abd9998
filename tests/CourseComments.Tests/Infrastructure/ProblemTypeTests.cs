using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Problem types are URIs the project controls, and every reason code the code can answer is documented
/// in exactly one reason table of docs/webhook.md or docs/tokens.md.</summary>
public partial class ProblemTypeTests
{
    private static readonly string[] Pages = ["docs/webhook.md", "docs/tokens.md"];

    [Fact]
    public async Task Problem_types_are_relative_to_the_app()
    {
        await using var app = await TestApp.StartAsync();
        using var webhook = await app.Client.SendAsync(WebhookRequests.WithSignature("{}"u8.ToArray(), "00"));
        using var tokens = await app.Client.PostAsync("/api/tokens", null);

        foreach (var (response, code) in new[] { (webhook, "signature-invalid"), (tokens, "not-signed-in") })
        {
            var type = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type")
                .GetString();
            Assert.Equal("/problems/" + code, type);
            Assert.False(Uri.TryCreate(type, UriKind.Absolute, out var absolute)
                && absolute.Scheme.StartsWith("http", StringComparison.Ordinal), type);
        }
    }

    [Fact]
    public void Every_reason_code_in_the_code_is_documented_once()
    {
        var source = Directory.EnumerateFiles(RepoFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(
                $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        var codes = source.SelectMany(text => ReasonInCode().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet();
        var documented = Pages.SelectMany(
            page => ReasonRow().Matches(RepoFiles.Read(page)).Select(m => m.Groups[1].Value)).ToList();

        Assert.True(codes.Count >= 25, $"found only {codes.Count} codes: the pattern no longer matches the code");
        Assert.Empty(codes.Except(documented));
        Assert.Empty(documented.Except(codes));
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    // Problems.Create(status, "code", ...) and the endpoints' Reject/Refuse(status, "code", ...) helpers.
    [GeneratedRegex("""(?:Problems\.Create|Reject|Refuse)\(\s*[^,()]+,\s*"([a-z0-9-]+)"\s*,""")]
    private static partial Regex ReasonInCode();

    [GeneratedRegex(@"^\| [0-9, ]+ \| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReasonRow();
}
