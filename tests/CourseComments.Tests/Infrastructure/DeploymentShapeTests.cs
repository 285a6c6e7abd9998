using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>The hosting and security choices of the deployment, read from the predicted deployment, so that a later
/// edit cannot quietly drop one.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class DeploymentShapeTests(CompiledInfrastructure infrastructure)
{
    private const string FunctionAppConfig = "properties.functionAppConfig";
    private const string PackageStorage = $"{FunctionAppConfig}.deployment.storage";
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";

    private DeploymentSnapshot Deployment => infrastructure.Production;

    [Theory]
    [InlineData("Microsoft.Web/serverfarms", null, "sku.name", "FC1")]
    [InlineData("Microsoft.Web/serverfarms", null, "sku.tier", "FlexConsumption")]
    [InlineData("Microsoft.Web/serverfarms", null, "properties.reserved", "true")]
    [InlineData("Microsoft.Web/sites", null, "kind", "functionapp,linux")]
    [InlineData("Microsoft.Web/sites", null, "identity.type", "UserAssigned")]
    [InlineData("Microsoft.Web/sites", null, "properties.httpsOnly", "true")]
    [InlineData("Microsoft.Web/sites", null, "properties.siteConfig.minTlsVersion", "1.2")]
    [InlineData("Microsoft.Web/sites", null, "properties.siteConfig.scmMinTlsVersion", "1.2")]
    [InlineData("Microsoft.Web/sites", null, "properties.siteConfig.ftpsState", "Disabled")]
    [InlineData("Microsoft.Web/sites", null, $"{FunctionAppConfig}.runtime.name", "dotnet-isolated")]
    [InlineData("Microsoft.Web/sites", null, $"{FunctionAppConfig}.runtime.version", "10.0")]
    [InlineData("Microsoft.Web/sites", null, $"{FunctionAppConfig}.deployment.storage.type", "blobContainer")]
    [InlineData("Microsoft.Web/sites", null, $"{PackageStorage}.authentication.type", "UserAssignedIdentity")]
    [InlineData("Microsoft.Web/sites", null, $"{FunctionAppConfig}.scaleAndConcurrency.maximumInstanceCount", "100")]
    [InlineData("Microsoft.Web/sites", null, $"{FunctionAppConfig}.scaleAndConcurrency.instanceMemoryMB", "2048")]
    [InlineData("Microsoft.Web/sites", null, "tags.azd-service-name", "api")]
    [InlineData("Microsoft.Storage/storageAccounts", null, "properties.allowSharedKeyAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", null, "properties.allowBlobPublicAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", null, "properties.minimumTlsVersion", "TLS1_2")]
    [InlineData("Microsoft.Storage/storageAccounts", null, "properties.supportsHttpsTrafficOnly", "true")]
    [InlineData($"{StorageAccounts}/blobServices/containers", "app-package", "properties.publicAccess", "None")]
    [InlineData("Microsoft.OperationalInsights/workspaces", null, "properties.features.disableLocalAuth", "true")]
    [InlineData("Microsoft.Insights/components", null, "properties.DisableLocalAuth", "true")]
    [InlineData("Microsoft.KeyVault/vaults", null, "properties.enableRbacAuthorization", "true")]
    [InlineData("Microsoft.KeyVault/vaults", null, "properties.enableSoftDelete", "true")]
    [InlineData("Microsoft.KeyVault/vaults", null, "properties.tenantId", CompiledInfrastructure.TenantId)]
    public void The_deployment_keeps(string type, string? name, string path, string expected)
    {
        var value = Deployment.Single(type, name).At(path);
        var actual = value is JsonValue scalar && scalar.TryGetValue<string>(out var text)
            ? text
            : value.ToJsonString();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_package_is_read_with_the_app_identity_from_its_container()
    {
        var identity = Deployment.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var site = Deployment.Site;
        Assert.Equal([identity], site.At("identity.userAssignedIdentities").AsObject().Select(entry => entry.Key));
        Assert.Equal(identity, site.StringAt($"{PackageStorage}.authentication.userAssignedIdentityResourceId"));
        var blob = $"reference('{Deployment.IdOf(StorageAccounts)}', '2023-05-01').primaryEndpoints.blob";
        Assert.Equal($"[format('{{0}}{{1}}', {blob}, 'app-package')]", site.StringAt($"{PackageStorage}.value"));
        Assert.Equal(Deployment.IdOf("Microsoft.Web/serverfarms"), site.StringAt("properties.serverFarmId"));
    }

    [Fact]
    public void Flex_Consumption_settings_need_Microsoft_Web_2024_04_01_or_later()
    {
        // functionAppConfig (and its scaleAndConcurrency.alwaysReady) is in the Microsoft.Web schema from 2023-12-01
        // and generally available from 2024-04-01; older versions drop it.
        var web = infrastructure.Template.AllResources.Select(entry => entry.Resource)
            .Where(resource => ArmTemplate.Type(resource).StartsWith("Microsoft.Web/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(web);
        Assert.All(web, resource => Assert.True(
            string.CompareOrdinal(resource.StringAt("apiVersion"), "2024-04-01") >= 0, ArmTemplate.Text(resource)));
    }

    [Fact]
    public void Only_diagnostic_settings_use_a_preview_API_version()
    {
        // Microsoft.Insights/diagnosticSettings has logAnalyticsDestinationType (resource-specific tables) only in
        // its preview versions; every other type uses a stable version.
        var previews = infrastructure.Template.AllResources.Select(entry => entry.Resource)
            .Where(resource => resource.StringAt("apiVersion").Contains("preview", StringComparison.Ordinal))
            .Select(ArmTemplate.Type).Distinct();
        Assert.Equal(["Microsoft.Insights/diagnosticSettings"], previews);
    }

    [Theory]
    [InlineData("WEBHOOK_URL", "/api/webhook")]
    [InlineData("TOKEN_URL", "/api/tokens")]
    [InlineData("SERVICE_API_URI", "")]
    public void The_outputs_azd_and_the_README_use_are_there(string output, string path)
    {
        var site = Deployment.Site.StringAt("id");
        var uri = $"format('https://{{0}}', reference('{site}', '2024-04-01').defaultHostName)";
        Assert.Equal(path.Length == 0 ? $"[{uri}]" : $"[format('{{0}}{path}', {uri})]", Deployment.Output(output));
    }

    [Fact]
    public void The_vault_outputs_name_the_deployed_vault()
    {
        var vault = Deployment.Single("Microsoft.KeyVault/vaults");
        Assert.Equal(vault.StringAt("name"), Deployment.Output("AZURE_KEY_VAULT_NAME"));
        var uri = $"[reference('{vault.StringAt("id")}', '2023-07-01').vaultUri]";
        Assert.Equal(uri, Deployment.Output("AZURE_KEY_VAULT_ENDPOINT"));
        Assert.Equal(Deployment.Site.StringAt("name"), Deployment.Output("AZURE_FUNCTION_NAME"));
    }
}
