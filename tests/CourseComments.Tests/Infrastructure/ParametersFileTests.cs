using System.Text.Json;

namespace CourseComments.Tests.Infrastructure;

/// <summary>infra/main.parameters.json is how azd feeds main.bicep; a parameter it misses is a failed or prompted
/// deployment, one it invents is rejected by Resource Manager.</summary>
public class ParametersFileTests
{
    private static readonly BicepFile Main = BicepFile.Load("infra/main.bicep");

    private static readonly IReadOnlyDictionary<string, string> Mapped = ReadMappings();

    [Fact]
    public void Every_parameter_without_a_default_is_mapped()
    {
        var unmapped = Main.Parameters.Where(parameter => !parameter.HasDefault && !Mapped.ContainsKey(parameter.Name)).Select(parameter => parameter.Name);
        Assert.Empty(unmapped);
    }

    [Fact]
    public void Every_mapped_parameter_is_declared()
    {
        var declared = Main.Parameters.Select(parameter => parameter.Name).ToHashSet();
        Assert.Empty(Mapped.Keys.Except(declared));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("momentoApiKey", "${MOMENTO_API_KEY}")]
    [InlineData("webhookSigningSecret", "${WEBHOOK_SIGNING_SECRET}")]
    public void Azd_environment_values_feed_the_parameters(string parameter, string value)
    {
        Assert.Equal(value, Mapped.GetValueOrDefault(parameter));
    }

    [Fact]
    public void Secure_parameters_come_only_from_the_azd_environment()
    {
        var secure = Main.Parameters.Where(parameter => parameter.IsSecure).ToList();
        Assert.NotEmpty(secure);
        foreach (var parameter in secure)
        {
            // No default in the template and no "${NAME=default}" in the mapping: either would commit a secret.
            Assert.False(parameter.HasDefault, $"@secure() param {parameter.Name} has a default value.");
            Assert.Matches(@"^\$\{[A-Z0-9_]+\}$", Mapped.GetValueOrDefault(parameter.Name) ?? "");
        }
    }

    private static Dictionary<string, string> ReadMappings()
    {
        using var document = JsonDocument.Parse(RepoFiles.Read("infra/main.parameters.json"));
        return document.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(parameter => parameter.Name, parameter => parameter.Value.GetProperty("value").ToString());
    }
}
