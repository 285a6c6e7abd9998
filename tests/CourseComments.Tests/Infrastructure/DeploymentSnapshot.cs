using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>
/// What <c>bicep snapshot</c> predicts a deployment of the compiled template with one parameter file creates: the
/// template evaluated by the ARM template engine, modules flattened, conditions applied, every expression that does
/// not depend on a live resource reduced to its value (<c>reference(...)</c> and <c>environment()</c> stay as
/// expressions). Ids are full resource ids.
/// </summary>
internal sealed class DeploymentSnapshot(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public IReadOnlyList<JsonObject> Resources { get; } =
        root.At("predictedResources").AsArray().Select(resource => resource!.AsObject()).ToList();

    public JsonObject Outputs => Root.At("outputs").AsObject();

    public JsonArray Diagnostics => Root["diagnostics"]?.AsArray() ?? [];

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.StringAt("type"), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one resource of <paramref name="type"/> named <paramref name="name"/> or ending in
    /// <c>/</c><paramref name="name"/> (any name when null).</summary>
    public JsonObject Single(string type, string? name = null)
    {
        var matches = OfType(type).Where(resource => name is null || NameMatches(resource, name)).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type} {name}, found {matches.Count}.");
        return matches[0];
    }

    public JsonObject PropertiesOf(string type, string? name = null) => Single(type, name).At("properties").AsObject();

    public string IdOf(string type, string? name = null) => Single(type, name).StringAt("id");

    /// <summary>The Function App's application settings (the <c>appsettings</c> config resource).</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        PropertiesOf("Microsoft.Web/sites/config", "appsettings")
            .ToDictionary(setting => setting.Key, setting => setting.Value!.GetValue<string>());

    public JsonObject Site => Single("Microsoft.Web/sites");

    public string Output(string name) => Outputs[name]?.GetValue<string>()
        ?? throw new Xunit.Sdk.XunitException($"The deployment has no output {name}.");

    private static bool NameMatches(JsonObject resource, string name)
    {
        var actual = resource.StringAt("name");
        return actual == name || actual.EndsWith($"/{name}", StringComparison.Ordinal);
    }
}
