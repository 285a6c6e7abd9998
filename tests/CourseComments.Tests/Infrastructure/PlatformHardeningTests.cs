using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Issue 17, items 11 and 12: no basic-auth publishing, audit and host logs in Log Analytics, and a vault
/// that cannot be purged outside dev environments.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class PlatformHardeningTests(CompiledInfrastructure infrastructure)
{
    private const string DiagnosticSettings = "Microsoft.Insights/diagnosticSettings";

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void Basic_auth_publishing_credentials_are_refused(string endpoint)
    {
        var deployment = infrastructure.Production;
        var policy = deployment.Single("Microsoft.Web/sites/basicPublishingCredentialsPolicies", endpoint);
        var expectedId = $"{deployment.Site.StringAt("id")}/basicPublishingCredentialsPolicies/{endpoint}";
        Assert.Equal(expectedId, policy.StringAt("id"));
        Assert.False(policy.BoolAt("properties.allow"));
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults", "AuditEvent")]
    [InlineData("Microsoft.Web/sites", "FunctionAppLogs")]
    public void Logs_go_to_the_Log_Analytics_workspace(string sourceType, string category)
    {
        var deployment = infrastructure.Production;
        var source = deployment.IdOf(sourceType);
        var prefix = $"{source}/providers/{DiagnosticSettings}/";
        var setting = Assert.Single(
            deployment.OfType(DiagnosticSettings),
            setting => setting.StringAt("id").StartsWith(prefix, StringComparison.Ordinal));
        var properties = setting.At("properties");
        Assert.Equal(deployment.IdOf("Microsoft.OperationalInsights/workspaces"), properties.StringAt("workspaceId"));
        // Resource-specific tables (AZKVAuditLogs, FunctionAppLogs) rather than the shared AzureDiagnostics table.
        Assert.Equal("Dedicated", properties.StringAt("logAnalyticsDestinationType"));
        var log = Assert.Single(
            properties.At("logs").AsArray(), log => log!["category"]?.GetValue<string>() == category);
        Assert.True(log!.BoolAt("enabled"));
    }

    [Fact]
    public void Purge_protection_is_on_by_default()
    {
        Assert.True(Vault(infrastructure.Production).BoolAt("enablePurgeProtection"));
    }

    [Fact]
    public void A_dev_environment_leaves_purge_protection_off()
    {
        // The service refuses an explicit false: "off" is the property absent (null).
        var vault = Vault(infrastructure.DevWebhook);
        Assert.True(vault.ContainsKey("enablePurgeProtection"));
        Assert.Null(vault["enablePurgeProtection"]);
    }

    [Fact]
    public void Purge_protection_follows_the_environment_type_unless_set()
    {
        var parameters = infrastructure.Template.Parameters;
        Assert.Equal(
            "[not(equals(parameters('environmentType'), 'dev'))]",
            parameters.StringAt("enableKeyVaultPurgeProtection.defaultValue"));
        Assert.Equal("prod", parameters.StringAt("environmentType.defaultValue"));
        Assert.Equal(["dev", "prod"], parameters.StringsAt("environmentType.allowedValues"));
    }

    [Fact]
    public void Soft_delete_keeps_a_deleted_vault_and_its_secrets_for_seven_days()
    {
        // docs/deploy.md states this retention; the service fixes it when the vault is created.
        var vault = Vault(infrastructure.Production);
        Assert.True(vault.BoolAt("enableSoftDelete"));
        Assert.Equal(7, vault.At("softDeleteRetentionInDays").GetValue<int>());
        Assert.Contains("**7 days**", RepoFiles.Read("docs/deploy.md"), StringComparison.Ordinal);
    }

    private static JsonObject Vault(DeploymentSnapshot deployment) =>
        deployment.PropertiesOf("Microsoft.KeyVault/vaults");
}
