using CourseComments.Platform;

namespace CourseComments.Tests.Infrastructure;

/// <summary>The Function App's settings, as the compiled template deploys them, against what the app binds at
/// start-up.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class AppSettingsTests(CompiledInfrastructure infrastructure)
{
    private IReadOnlyDictionary<string, string> Settings => infrastructure.Production.AppSettings;

    public static TheoryData<string> RequiredSettings() => new(AzureAppSettings.Required);

    [Theory]
    [MemberData(nameof(RequiredSettings))]
    public void Every_setting_the_app_requires_in_Azure_is_set(string name)
    {
        Assert.True(Settings.ContainsKey(name), $"The deployment does not set {name}.");
        Assert.True(infrastructure.DevWebhook.AppSettings.ContainsKey(name), $"The dev deployment misses {name}.");
    }

    [Fact]
    public void The_app_runs_against_real_Momento()
    {
        // Local mode (the Momento emulator) refuses to start in Azure.
        Assert.Equal("Momento", Settings["Momento__Mode"]);
        Assert.Equal("course-comments", Settings["Momento__CacheName"]);
        Assert.Equal("comment", Settings["Momento__TopicName"]);
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
        var identity = infrastructure.Production.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var clientId = $"[reference('{identity}', '2023-01-31').clientId]";
        Assert.Equal("managedidentity", Settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(clientId, Settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal(clientId, Settings["AZURE_CLIENT_ID"]);
        var storage = infrastructure.Production.IdOf("Microsoft.Storage/storageAccounts");
        Assert.Equal(
            $"[reference('{storage}', '2023-05-01').primaryEndpoints.blob]",
            Settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.DoesNotContain("AzureWebJobsStorage", Settings.Keys);
    }

    [Fact]
    public void Telemetry_is_sent_with_the_identity()
    {
        var identity = infrastructure.Production.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        Assert.Equal(
            $"[format('ClientId={{0}};Authorization=AAD', reference('{identity}', '2023-01-31').clientId)]",
            Settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        var insights = infrastructure.Production.IdOf("Microsoft.Insights/components");
        Assert.Equal(
            $"[reference('{insights}', '2020-02-02').ConnectionString]",
            Settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Theory]
    [InlineData("KeyVault__MomentoApiKeySecretName", "momento-api-key")]
    [InlineData("KeyVault__SigningSecretName", "webhook-signing-secret")]
    public void The_app_reads_the_secrets_the_deployment_creates_in_its_vault(string setting, string secretName)
    {
        Assert.Equal(secretName, Settings[setting]);
        var vault = infrastructure.Production.IdOf("Microsoft.KeyVault/vaults");
        var secret = infrastructure.Production.IdOf("Microsoft.KeyVault/vaults/secrets", secretName);
        Assert.Equal($"{vault}/secrets/{secretName}", secret);
        Assert.Equal($"[reference('{vault}', '2023-07-01').vaultUri]", Settings["KeyVault__VaultUri"]);
    }

    [Fact]
    public void The_origin_list_becomes_the_platform_CORS_and_the_app_setting_alike()
    {
        // CORS_ALLOWED_ORIGINS is " https://courses.example.com , https://www.example.org,": trimmed, empties dropped.
        string[] origins = ["https://courses.example.com", "https://www.example.org"];
        var site = infrastructure.Production.Site;
        Assert.Equal(origins, site.StringsAt("properties.siteConfig.cors.allowedOrigins"));
        Assert.True(site.BoolAt("properties.siteConfig.cors.supportCredentials"));
        Assert.Equal("true", Settings["Cors__AllowCredentials"]);
        Assert.Equal(origins[0], Settings["Cors__AllowedOrigins__0"]);
        Assert.Equal(origins[1], Settings["Cors__AllowedOrigins__1"]);
        Assert.Equal(2, Settings.Keys.Count(IsOriginSetting));

        var none = infrastructure.DevWebhook;
        Assert.Empty(none.Site.StringsAt("properties.siteConfig.cors.allowedOrigins"));
        Assert.DoesNotContain(none.AppSettings.Keys, IsOriginSetting);
    }

    private static bool IsOriginSetting(string name) =>
        name.StartsWith("Cors__AllowedOrigins", StringComparison.Ordinal);
}
