using CourseComments.Platform;

namespace CourseComments.Tests.Infrastructure;

/// <summary>The Function App's settings in infra/app/function-app.bicep against what the app binds at start-up.</summary>
public class AppSettingsTests
{
    private static readonly Dictionary<string, string> Settings = BicepFile.Load("infra/app/function-app.bicep")
        .Get("var", "appSettings").ObjectEntries().ToDictionary(entry => entry.Key, entry => entry.Value);

    private static readonly BicepFile Main = BicepFile.Load("infra/main.bicep");

    public static TheoryData<string> RequiredSettings() => new(AzureAppSettings.Required);

    [Theory]
    [MemberData(nameof(RequiredSettings))]
    public void Every_setting_the_app_requires_in_Azure_is_set(string name)
    {
        Assert.True(Settings.ContainsKey(name), $"function-app.bicep does not set {name}.");
    }

    [Fact]
    public void The_app_runs_against_real_Momento()
    {
        // Local mode (the embedded stand-in) refuses to start in Azure.
        Assert.Equal("'Momento'", Settings["Momento__Mode"]);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENT")]
    public void Settings_Flex_Consumption_manages_itself_are_not_set(string prefix)
    {
        Assert.DoesNotContain(Settings.Keys, name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Host_storage_is_reached_with_the_identity()
    {
        Assert.Equal("'managedidentity'", Settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("identityClientId", Settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("identityClientId", Settings["AZURE_CLIENT_ID"]);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", Settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", Settings.Keys);
    }

    [Fact]
    public void Telemetry_is_sent_with_the_identity()
    {
        Assert.Equal("'ClientId=${identityClientId};Authorization=AAD'", Settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [InlineData("momentoApiKeySecretName", "momento-api-key")]
    [InlineData("signingSecretName", "webhook-signing-secret")]
    public void The_app_reads_the_secret_names_the_deployment_creates(string parameter, string secretName)
    {
        Assert.Equal($"'{secretName}'", Main.Get("var", parameter).Value);
        var vaultParams = Main.Get("module", "keyVault").ObjectEntries("params").ToDictionary();
        var appParams = Main.Get("module", "functionApp").ObjectEntries("params").ToDictionary();
        Assert.Equal(parameter, vaultParams[parameter]);
        Assert.Equal(parameter, appParams[parameter]);
        Assert.Equal(parameter, Settings[parameter == "signingSecretName" ? "KeyVault__SigningSecretName" : "KeyVault__MomentoApiKeySecretName"]);
    }
}
