using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Built-in role ids are opaque GUIDs: a typo deploys fine and grants the wrong thing, or nothing. Read from
/// the predicted deployments: who gets which role, at which scope.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public partial class RoleAssignmentTests(CompiledInfrastructure infrastructure)
{
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    private const string RoleDefinitions =
        $"/subscriptions/{CompiledInfrastructure.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/";

    // Azure built-in role definition ids, as documented (shared/reference/azure-functions.md, Microsoft Learn).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void The_compiled_template_holds_no_undocumented_role_id()
    {
        var guids = Guid().Matches(ArmTemplate.Text(infrastructure.Template.Root))
            .Select(match => match.Value.ToLowerInvariant());
        string[] documented =
            [StorageBlobDataOwner, MonitoringMetricsPublisher, KeyVaultSecretsUser, KeyVaultSecretsOfficer];
        Assert.Empty(guids.Except(documented));
    }

    [Fact]
    public void The_app_identity_gets_exactly_its_three_roles_each_at_its_resource()
    {
        var deployment = infrastructure.Production;
        var identity = deployment.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var grants = Assignments(deployment)
            .Where(grant => grant.Principal == $"[reference('{identity}', '2023-01-31').principalId]")
            .Select(grant => (grant.Role, grant.Scope, grant.PrincipalType));
        Assert.Equal(
            [
                (MonitoringMetricsPublisher, deployment.IdOf("Microsoft.Insights/components"), "ServicePrincipal"),
                (KeyVaultSecretsUser, deployment.IdOf("Microsoft.KeyVault/vaults"), "ServicePrincipal"),
                (StorageBlobDataOwner, deployment.IdOf("Microsoft.Storage/storageAccounts"), "ServicePrincipal"),
            ],
            grants.OrderBy(grant => grant.Role, StringComparer.Ordinal));
    }

    [Fact]
    public void The_deployer_gets_the_package_container_and_the_secrets_when_given()
    {
        var deployment = infrastructure.Production;
        var grants = Assignments(deployment).Where(grant => grant.Principal == CompiledInfrastructure.DeployerId)
            .Select(grant => (grant.Role, grant.Scope, grant.PrincipalType));
        Assert.Equal(
            [
                (StorageBlobDataOwner, deployment.IdOf("Microsoft.Storage/storageAccounts"), "User"),
                (KeyVaultSecretsOfficer, deployment.IdOf("Microsoft.KeyVault/vaults"), "User"),
            ],
            grants.OrderBy(grant => grant.Role, StringComparer.Ordinal));
        Assert.Equal(5, Assignments(deployment).Count());
    }

    [Fact]
    public void Without_a_deployer_only_the_app_identity_is_granted()
    {
        var identity = infrastructure.DevWebhook.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var principals = Assignments(infrastructure.DevWebhook).Select(grant => grant.Principal).ToList();
        Assert.Equal(3, principals.Count);
        var appIdentity = $"[reference('{identity}', '2023-01-31').principalId]";
        Assert.All(principals, principal => Assert.Equal(appIdentity, principal));
    }

    /// <summary>Each predicted role assignment: role definition id, principal (an id, or the expression reading the
    /// identity's), principal type, and the id of the resource it is scoped to.</summary>
    private static IEnumerable<(string Role, string Principal, string PrincipalType, string Scope)> Assignments(
        DeploymentSnapshot deployment) =>
        deployment.OfType(RoleAssignment).Select(assignment =>
        {
            var role = assignment.StringAt("properties.roleDefinitionId");
            Assert.StartsWith(RoleDefinitions, role);
            return (role[RoleDefinitions.Length..], assignment.StringAt("properties.principalId"),
                assignment.StringAt("properties.principalType"), ScopeOf(assignment));
        });

    /// <summary>An extension resource's id is its scope's id + /providers/...; while its name is still an expression,
    /// the id is <c>[extensionResourceId('scope', ...)]</c>.</summary>
    private static string ScopeOf(JsonObject assignment)
    {
        var id = assignment.StringAt("id");
        var pending = PendingExtensionId().Match(id);
        var suffix = id.IndexOf($"/providers/{RoleAssignment}/", StringComparison.Ordinal);
        return pending.Success ? pending.Groups[1].Value : id[..suffix];
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^\[extensionResourceId\('([^']+)', 'Microsoft\.Authorization/roleAssignments'")]
    private static partial Regex PendingExtensionId();
}
