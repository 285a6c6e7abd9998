using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>
/// One ARM template as <c>bicep build</c> writes it. Each Bicep module becomes a nested deployment
/// (<c>Microsoft.Resources/deployments</c>) carrying its own template, so resources are found by walking those.
/// Resources are an array (language version 1.0) or an object keyed by symbolic name (2.0); both are read.
/// </summary>
internal sealed class ArmTemplate(JsonObject root, string path)
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>"main" for the top level, "main/functionApp" for a module's template.</summary>
    public string Path { get; } = path;

    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    /// <summary>This template's own resources, each with its symbolic name (its index in a 1.0 template).</summary>
    public IEnumerable<(string Name, JsonObject Resource)> Resources => Root["resources"] switch
    {
        JsonObject byName => byName.Select(entry => (entry.Key, entry.Value!.AsObject())),
        JsonArray list => list.Select((resource, index) => (index.ToString(), resource!.AsObject())),
        _ => [],
    };

    /// <summary>The nested deployments (modules) of this template: the deployment resource and its template.</summary>
    public IEnumerable<(JsonObject Deployment, ArmTemplate Template)> Modules =>
        Resources.Where(entry => Type(entry.Resource) == DeploymentType).Select(entry => (
            entry.Resource,
            new ArmTemplate(entry.Resource.At("properties.template").AsObject(), $"{Path}/{entry.Name}")));

    /// <summary>This template and every template nested in it, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndModules =>
        Modules.SelectMany(module => module.Template.SelfAndModules).Prepend(this);

    /// <summary>The module called <paramref name="name"/> (its deployment's symbolic name).</summary>
    public ArmTemplate Module(string name) =>
        SelfAndModules.SingleOrDefault(template => template.Path.EndsWith($"/{name}", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"{Path} has no module {name}.");

    /// <summary>Every resource that is not itself a module call, in this template and all nested ones.</summary>
    public IEnumerable<(ArmTemplate Template, JsonObject Resource)> AllResources =>
        SelfAndModules.SelectMany(template => template.Resources
            .Where(entry => Type(entry.Resource) != DeploymentType)
            .Select(entry => (template, entry.Resource)));

    public IEnumerable<JsonObject> OfType(string type) =>
        AllResources.Select(entry => entry.Resource)
            .Where(resource => string.Equals(Type(resource), type, StringComparison.OrdinalIgnoreCase));

    public static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    /// <summary>JSON text with ARM expressions as written (the default encoder turns <c>'</c> into \u0027).</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Unescaped);

    private static readonly JsonSerializerOptions Unescaped =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
