using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Reads a template or snapshot node by a dotted path (<c>properties.siteConfig.cors</c>), failing the
/// test with the path when a step is missing.</summary>
internal static class JsonPaths
{
    public static JsonNode At(this JsonNode node, string path)
    {
        var current = node;
        foreach (var key in path.Split('.'))
        {
            current = current[key] ?? throw new Xunit.Sdk.XunitException($"No '{key}' on the way to {path}.");
        }

        return current;
    }

    public static string StringAt(this JsonNode node, string path) => node.At(path).GetValue<string>();

    public static bool BoolAt(this JsonNode node, string path) => node.At(path).GetValue<bool>();

    public static IEnumerable<string> StringsAt(this JsonNode node, string path) =>
        node.At(path).AsArray().Select(item => item!.GetValue<string>());
}
