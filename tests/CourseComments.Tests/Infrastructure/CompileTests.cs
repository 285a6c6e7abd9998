using Xunit.Abstractions;

namespace CourseComments.Tests.Infrastructure;

/// <summary>infra/ compiles cleanly with the Bicep compiler and its default linter rules; the compiler also checks
/// what a module call passes and uses against the module's parameters and outputs.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class CompileTests(CompiledInfrastructure infrastructure, ITestOutputHelper output)
{
    [Fact]
    public void Main_bicep_compiles_without_an_error_or_a_linter_warning()
    {
        output.WriteLine($"bicep build and two snapshots, in parallel: {infrastructure.Elapsed.TotalSeconds:F1} s");
        Assert.True(infrastructure.BuildDiagnostics.Count == 0, string.Join('\n', infrastructure.BuildDiagnostics));
    }

    [Fact]
    public async Task The_linter_reports_what_the_compile_test_refuses()
    {
        // The check above passes on an empty diagnostics list: this shows the compiler run reports a linter warning
        // (here the rule main.bicep once broke) rather than staying silent.
        var folder = Directory.CreateTempSubdirectory("course-comments-bicep-lint-").FullName;
        try
        {
            var file = Path.Combine(folder, "hardcoded.bicep");
            await File.WriteAllTextAsync(file, "output issuer string = 'https://login.microsoftonline.com/common'\n");

            var run = await BicepCompiler.RunAsync(folder, "build", file, "--stdout");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains(
                run.Diagnostics,
                line => line.Contains("Warning no-hardcoded-env-urls", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_predicted_deployments_raise_no_diagnostics()
    {
        Assert.Empty(infrastructure.Production.Diagnostics);
        Assert.Empty(infrastructure.DevWebhook.Diagnostics);
    }

    [Fact]
    public void The_template_deploys_at_subscription_scope_into_its_own_resource_group()
    {
        var schema = infrastructure.Template.Root.StringAt("$schema");
        Assert.EndsWith("/subscriptionDeploymentTemplate.json#", schema, StringComparison.Ordinal);
        Assert.Equal("rg-ci", infrastructure.Production.Single("Microsoft.Resources/resourceGroups").StringAt("name"));
        Assert.Equal("rg-ci", infrastructure.Production.Output("AZURE_RESOURCE_GROUP"));
    }
}
