using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseComments.Tests.Infrastructure;

/// <summary>infra/main.parameters.json is how azd feeds the compiled template; a parameter it misses is a failed or
/// prompted deployment, one it invents is rejected by Resource Manager.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class ParametersFileTests(CompiledInfrastructure infrastructure)
{
    private static readonly IReadOnlyDictionary<string, string> Mapped = ReadMappings();

    private JsonObject Declared => infrastructure.Template.Parameters;

    [Fact]
    public void Every_parameter_without_a_default_is_mapped()
    {
        var unmapped = Declared.Where(parameter => !HasDefault(parameter.Value!) && !Mapped.ContainsKey(parameter.Key))
            .Select(parameter => parameter.Key);
        Assert.Empty(unmapped);
    }

    [Fact]
    public void Every_mapped_parameter_is_declared()
    {
        Assert.Empty(Mapped.Keys.Except(Declared.Select(parameter => parameter.Key)));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("momentoApiKey", "${MOMENTO_API_KEY}")]
    [InlineData("webhookSigningSecret", "${WEBHOOK_SIGNING_SECRET}")]
    [InlineData("environmentType", "${AZURE_ENV_TYPE=prod}")]
    [InlineData("enableKeyVaultPurgeProtection", "${KEY_VAULT_PURGE_PROTECTION}")]
    [InlineData("deliveryMode", "${MOMENTO_DELIVERY=Subscription}")]
    [InlineData("alwaysReadyInstances", "${ALWAYS_READY_INSTANCES}")]
    [InlineData("authAllowedApplications", "${AUTH_ALLOWED_APPLICATIONS}")]
    [InlineData("authAllowedPrincipals", "${AUTH_ALLOWED_PRINCIPALS}")]
    public void Azd_environment_values_feed_the_parameters(string parameter, string value)
    {
        Assert.Equal(value, Mapped.GetValueOrDefault(parameter));
    }

    [Fact]
    public void Secure_parameters_come_only_from_the_azd_environment()
    {
        var secure = Declared.Where(parameter => SecretFlowTests.IsSecure(parameter.Value!)).ToList();
        Assert.Equal(["momentoApiKey", "webhookSigningSecret"], secure.Select(parameter => parameter.Key).Order());
        foreach (var (name, declaration) in secure)
        {
            // No default in the template and no "${NAME=default}" in the mapping: either would commit a secret.
            Assert.False(HasDefault(declaration!), $"@secure() param {name} has a default value.");
            Assert.Matches(@"^\$\{[A-Z0-9_]+\}\z", Mapped.GetValueOrDefault(name) ?? "");
        }
    }

    [Theory]
    [InlineData("enableKeyVaultPurgeProtection")]
    [InlineData("alwaysReadyInstances")]
    public void Unset_bool_and_int_values_fall_back_to_the_template_default(string name)
    {
        // For a bool or int parameter with a default, azd passes nothing when ${NAME} is empty, so main.bicep's
        // default (here computed from other parameters) applies; a "${NAME=value}" fallback would override it.
        Assert.True(HasDefault(Declared.At(name)), $"{name} has no default in main.bicep.");
        Assert.Contains(Declared.StringAt($"{name}.type"), new[] { "bool", "int" });
        Assert.DoesNotContain("=", Mapped[name], StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_choices_fall_back_to_the_template_default_not_to_an_empty_string()
    {
        // For a string parameter azd passes an empty ${NAME} as "", which @allowed refuses: the mapping carries the
        // template's default as its fallback.
        var choices = Declared
            .Where(parameter => parameter.Value!["allowedValues"] is not null && Mapped.ContainsKey(parameter.Key))
            .ToList();
        string[] expected = ["deliveryMode", "environmentType", "principalType"];
        Assert.Equal(expected, choices.Select(choice => choice.Key).Order());
        foreach (var (name, declaration) in choices)
        {
            var fallback = Regex.Match(Mapped[name], @"^\$\{[A-Z0-9_]+=(?<value>[^}]*)\}\z");
            Assert.True(fallback.Success, $"{name}'s mapping {Mapped[name]} has no fallback value.");
            Assert.Equal(declaration!.StringAt("defaultValue"), fallback.Groups["value"].Value);
        }
    }

    private static bool HasDefault(JsonNode declaration) =>
        declaration.AsObject().ContainsKey("defaultValue") || declaration["nullable"]?.GetValue<bool>() == true;

    private static Dictionary<string, string> ReadMappings()
    {
        using var document = JsonDocument.Parse(RepoFiles.Read("infra/main.parameters.json"));
        return document.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(parameter => parameter.Name, parameter => parameter.Value.GetProperty("value").ToString());
    }
}
