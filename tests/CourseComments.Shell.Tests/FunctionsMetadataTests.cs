using System.Text.Json;

namespace CourseComments.Shell.Tests;

/// <summary>
/// What the Functions host will see: the <c>functions.metadata</c> file the Worker.Sdk generates into the Functions
/// app's build output (artifacts layout: <c>bin/CourseComments.Functions/&lt;config&gt;/</c>, beside this assembly's folder).
/// </summary>
public sealed class FunctionsMetadataTests
{
    public static TheoryData<string, string, string[]> ExpectedFunctions() => new()
    {
        { "Webhook", "webhook", ["post"] },
        { "TokenIssuer", "tokens", ["post", "options"] },
        { "ReadComments", "courses/{courseId}/comments", ["get"] },
        { "Health", "health", ["get"] },
        { "BrowserClient", "client/{*file}", ["get"] },
    };

    [Fact]
    public void The_app_has_exactly_the_expected_functions()
    {
        var names = ReadFunctions().Select(f => f.GetProperty("name").GetString()).Order().ToArray();

        Assert.Equal(ExpectedFunctions().Select(row => (string)row[0]).Order().ToArray(), names);
    }

    [Theory]
    [MemberData(nameof(ExpectedFunctions))]
    public void Each_function_is_an_anonymous_http_trigger_on_its_route_and_methods(string name, string route, string[] methods)
    {
        var function = Assert.Single(ReadFunctions(), f => f.GetProperty("name").GetString() == name);
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    private static JsonElement[] ReadFunctions()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(here.Parent!.Parent!.FullName, "CourseComments.Functions", here.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => f.Clone()).ToArray();
    }
}
