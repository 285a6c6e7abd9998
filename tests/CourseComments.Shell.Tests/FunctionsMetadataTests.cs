using static CourseComments.Shell.Tests.FunctionsMetadata;

namespace CourseComments.Shell.Tests;

/// <summary>The functions the Functions host will see, from the generated <c>functions.metadata</c>.</summary>
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
    public void Each_function_is_an_anonymous_http_trigger_on_its_route_and_methods(
        string name, string route, string[] methods)
    {
        var function = Assert.Single(ReadFunctions(), f => f.GetProperty("name").GetString() == name);
        var trigger = HttpTrigger(function);

        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }
}
