namespace CourseComments.Tests.Infrastructure;

/// <summary>azure.yaml tells azd what to package and where to deploy it.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class AzureYamlTests(CompiledInfrastructure infrastructure)
{
    private static readonly Dictionary<string, string> Api = ServiceSettings("api");

    [Fact]
    public void The_api_service_deploys_dotnet_to_a_Function_App()
    {
        Assert.Equal("function", Api.GetValueOrDefault("host"));
        Assert.Equal("dotnet", Api.GetValueOrDefault("language"));
    }

    [Fact]
    public void The_api_service_is_the_Functions_project()
    {
        var project = RepoFiles.PathOf(Api.GetValueOrDefault("project") ?? "");
        var csproj = Path.Combine(project, "CourseComments.Functions.csproj");
        Assert.True(File.Exists(csproj), $"azure.yaml's project {project} holds no CourseComments.Functions.csproj.");
        Assert.Single(Directory.GetFiles(project, "*.csproj"));
        Assert.Contains("Microsoft.Azure.Functions.Worker", File.ReadAllText(csproj), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Function_App_carries_the_service_tag_azd_deploys_to()
    {
        // azd finds the resource to deploy the service to by this tag; exactly one resource may carry it.
        var site = Assert.Single(
            infrastructure.Production.Resources, resource => resource["tags"]?["azd-service-name"] is not null);
        Assert.Equal("Microsoft.Web/sites", site.StringAt("type"));
        Assert.Equal("api", site.StringAt("tags.azd-service-name"));
        Assert.NotEmpty(Api); // azure.yaml names the service "api"
    }

    /// <summary>The scalar settings under services.NAME (two-space indented YAML, as azd writes it).</summary>
    private static Dictionary<string, string> ServiceSettings(string service)
    {
        var settings = new Dictionary<string, string>();
        var section = "";
        var inService = false;
        foreach (var line in RepoFiles.Read("azure.yaml").Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var (key, value) = line.Trim().Split(':', 2) is [var k, var v] ? (k.Trim(), v.Trim()) : (line.Trim(), "");
            switch (indent)
            {
                case 0:
                    section = key;
                    inService = false;
                    break;
                case 2:
                    inService = section == "services" && key == service;
                    break;
                case 4 when inService:
                    settings[key] = value.Trim('\'', '"');
                    break;
            }
        }

        return settings;
    }
}
