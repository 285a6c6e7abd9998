using System.Text.Json;
using System.Text.Json.Nodes;

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
    [InlineData("environmentType", "${AZURE_ENV_TYPE}")]
    [InlineData("enableKeyVaultPurgeProtection", "${KEY_VAULT_PURGE_PROTECTION}")]
    [InlineData("deliveryMode", "${MOMENTO_DELIVERY}")]
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

    [Fact]
    public void Unset_values_fall_back_to_the_template_default_not_to_a_second_copy()
    {
        // azd passes nothing for an unset ${NAME} when the parameter has a default, so the default lives in one place;
        // a "${NAME=value}" fallback for these would silently override it.
        string[] names = ["environmentType", "enableKeyVaultPurgeProtection", "deliveryMode", "alwaysReadyInstances"];
        foreach (var name in names)
        {
            Assert.True(HasDefault(Declared[name]!), $"{name} has no default in main.bicep.");
            Assert.DoesNotContain("=", Mapped[name], StringComparison.Ordinal);
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
