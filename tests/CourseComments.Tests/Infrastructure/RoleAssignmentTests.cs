using System.Text.RegularExpressions;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Built-in role ids are opaque GUIDs: a typo deploys fine and grants the wrong thing, or nothing.</summary>
public partial class RoleAssignmentTests
{
    // Azure built-in role definition ids, as documented (shared/reference/azure-functions.md, Microsoft Learn).
    private static readonly Dictionary<string, string> Documented = new()
    {
        ["storageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["monitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["keyVaultSecretsUser"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["keyVaultSecretsOfficer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    };

    private static readonly BicepFile RoleAssignments = BicepFile.Load("infra/app/role-assignments.bicep");

    [Fact]
    public void Role_ids_are_the_documented_built_in_roles()
    {
        var declared = RoleAssignments.Get("var", "roles").ObjectEntries().ToDictionary(entry => entry.Key, entry => entry.Value.Trim('\''));
        Assert.Equal(Documented.OrderBy(role => role.Key), declared.OrderBy(role => role.Key));
    }

    public static TheoryData<string> BicepFiles() => new(BicepFile.All());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void No_template_holds_an_undocumented_role_id(string path)
    {
        var guids = Guid().Matches(RepoFiles.Read(path)).Select(match => match.Value.ToLowerInvariant());
        Assert.Empty(guids.Except(Documented.Values));
    }

    [Fact]
    public void The_app_identity_gets_exactly_its_three_roles_each_at_its_resource()
    {
        var grants = Assignments().Where(grant => grant.Principal == "identityPrincipalId").Select(grant => (grant.Role, grant.Scope));
        Assert.Equal(
            [("keyVaultSecretsUser", "vault"), ("monitoringMetricsPublisher", "applicationInsights"), ("storageBlobDataOwner", "storage")],
            grants.Order());
    }

    [Fact]
    public void The_deployer_is_granted_only_when_given()
    {
        var deployer = RoleAssignments.Of("resource").Where(resource => resource.Text.Contains("principalId: deployerPrincipalId", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deployer);
        Assert.All(deployer, resource => Assert.Contains("= if (grantDeployer)", resource.Text, StringComparison.Ordinal));
        Assert.Equal("!empty(deployerPrincipalId)", RoleAssignments.Get("var", "grantDeployer").Value);
    }

    private static IEnumerable<(string Principal, string Role, string Scope)> Assignments() =>
        RoleAssignments.Of("resource")
            .Where(resource => resource.Text.Contains("'Microsoft.Authorization/roleAssignments@", StringComparison.Ordinal))
            .Select(resource => (
                Regex.Match(resource.Text, @"principalId:\s*(\w+)").Groups[1].Value,
                Regex.Match(resource.Text, @"roleDefinitions',\s*roles\.(\w+)\)").Groups[1].Value,
                Regex.Match(resource.Text, @"\bscope:\s*(\w+)").Groups[1].Value));

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
