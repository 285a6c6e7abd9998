using System.Text.Json;

namespace CourseComments.Shell.Tests;

/// <summary>
/// What the Functions host will see: the <c>functions.metadata</c> file the Worker.Sdk generates into the Functions
/// app's build output (artifacts layout: <c>bin/CourseComments.Functions/&lt;config&gt;/</c>, beside this assembly's
/// folder).
/// </summary>
internal static class FunctionsMetadata
{
    public static JsonElement[] ReadFunctions()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(
            here.Parent!.Parent!.FullName, "CourseComments.Functions", here.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => f.Clone()).ToArray();
    }

    /// <summary>The function's one HTTP trigger binding.</summary>
    public static JsonElement HttpTrigger(JsonElement function) =>
        Assert.Single(
            function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "httpTrigger");
}
