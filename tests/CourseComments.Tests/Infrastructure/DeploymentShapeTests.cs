namespace CourseComments.Tests.Infrastructure;

/// <summary>The security and hosting choices the issue asks for, pinned so that a later edit cannot quietly drop one.</summary>
public class DeploymentShapeTests
{
    [Theory]
    [InlineData("infra/main.bicep", @"^targetScope = 'subscription'$")]
    [InlineData("infra/main.bicep", @"'Microsoft\.Resources/resourceGroups@")]
    [InlineData("infra/app/function-app.bicep", @"name: 'FC1'\s+tier: 'FlexConsumption'")]
    [InlineData("infra/app/function-app.bicep", @"kind: 'functionapp,linux'")]
    [InlineData("infra/app/function-app.bicep", @"runtime: \{\s+name: 'dotnet-isolated'\s+version: '10\.0'")]
    [InlineData("infra/app/function-app.bicep", @"type: 'UserAssigned'")]
    [InlineData("infra/app/function-app.bicep", @"type: 'blobContainer'[\s\S]+?authentication: \{\s+type: 'UserAssignedIdentity'\s+userAssignedIdentityResourceId: identityId")]
    [InlineData("infra/app/function-app.bicep", @"httpsOnly: true")]
    [InlineData("infra/app/function-app.bicep", @"minTlsVersion: '1\.2'")]
    [InlineData("infra/app/function-app.bicep", @"ftpsState: 'Disabled'")]
    [InlineData("infra/app/function-app.bicep", @"allowedOrigins: corsAllowedOrigins\s+supportCredentials: true")]
    [InlineData("infra/app/function-app.bicep", @"toObject\(range\(0, length\(corsAllowedOrigins\)\), i => 'Cors__AllowedOrigins__\$\{i\}', i => corsAllowedOrigins\[i\]\)")]
    [InlineData("infra/app/function-app.bicep", @"name: 'appsettings'\s+properties: union\(appSettings, corsOriginSettings\)")]
    [InlineData("infra/app/function-app.bicep", @"excludedPaths: anonymousPaths")]
    [InlineData("infra/app/function-app.bicep", @"var anonymousPaths = \[\s+'/api/webhook'\s+'/api/health'\s+\]")]
    [InlineData("infra/app/storage.bicep", @"allowSharedKeyAccess: false")]
    [InlineData("infra/app/storage.bicep", @"allowBlobPublicAccess: false")]
    [InlineData("infra/app/monitoring.bicep", @"DisableLocalAuth: true")]
    [InlineData("infra/app/monitoring.bicep", @"disableLocalAuth: true")]
    [InlineData("infra/app/key-vault.bicep", @"enableRbacAuthorization: true")]
    [InlineData("infra/app/key-vault.bicep", @"enableSoftDelete: true")]
    [InlineData("infra/app/key-vault.bicep", @"enablePurgeProtection: enablePurgeProtection \? true : null")]
    public void The_templates_keep(string path, string pattern)
    {
        Assert.Matches(new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.Multiline), RepoFiles.Read(path));
    }

    [Theory]
    [InlineData("SERVICE_API_URI", "functionApp.outputs.uri")]
    [InlineData("WEBHOOK_URL", "'${functionApp.outputs.uri}/api/webhook'")]
    [InlineData("TOKEN_URL", "'${functionApp.outputs.uri}/api/tokens'")]
    [InlineData("AZURE_KEY_VAULT_NAME", "keyVault.outputs.name")]
    public void The_outputs_azd_and_the_README_use_are_there(string output, string expression)
    {
        Assert.Equal(expression, BicepFile.Load("infra/main.bicep").Get("output", output).Value);
    }
}
