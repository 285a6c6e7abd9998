namespace CourseComments.Tests.Security;

/// <summary>
/// Issue 17, item 13: no project restores a package version with a known advisory. NuGet's own audit
/// (<c>NuGetAudit</c>, on in Directory.Build.props) needs a source that serves vulnerability data, which not every
/// machine's source does; this check reads the restore graph instead and needs nothing but the build.
/// </summary>
public class VulnerablePackageTests
{
    /// <summary>Package, first fixed version, advisory. Versions below the fixed one are refused.</summary>
    public static readonly TheoryData<string, string, string> Advisories = new()
    {
        // Deeply nested JSON exhausts the stack (denial of service); fixed in 13.0.1.
        { "Newtonsoft.Json", "13.0.1", "GHSA-5crp-9r3c-p9vr" },
        // Denial of service in System.Text.Json's JsonDocument/JsonSerializer; fixed in 8.0.5.
        { "System.Text.Json", "8.0.5", "GHSA-8g4q-xg66-9fp4 (CVE-2024-43485)" },
        // Certificate validation bypass; fixed in 4.3.4.
        { "System.Net.Http", "4.3.4", "GHSA-7jgj-8wvc-jh57 (CVE-2018-8292)" },
        // Regular expression denial of service; fixed in 4.3.1.
        { "System.Text.RegularExpressions", "4.3.1", "GHSA-cmhx-cq75-c4mj (CVE-2019-0820)" },
        // Elevation of privilege in managed identity token acquisition; fixed in 1.11.4.
        { "Azure.Identity", "1.11.4", "GHSA-m5vv-6r4h-3vj9 (CVE-2024-35255)" },
    };

    [Fact]
    public void Every_project_of_the_solution_has_a_restore_graph_to_check()
    {
        var restored = RestoreGraph.OfEveryProject().Select(graph => graph.Project).ToHashSet();
        var projects = Directory.GetFiles(Infrastructure.RepoFiles.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains(
                $"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetFileNameWithoutExtension(path)!);

        Assert.All(projects, project => Assert.Contains(project, restored));
    }

    [Theory]
    [MemberData(nameof(Advisories))]
    public void No_project_restores_a_vulnerable_version(string package, string firstFixed, string advisory)
    {
        var fixedVersion = NuGetVersion.Parse(firstFixed);

        var vulnerable = RestoreGraph.OfEveryProject()
            .SelectMany(graph => graph.Packages
                .Where(p => p.Id.Equals(package, StringComparison.OrdinalIgnoreCase)
                    && p.Version.CompareTo(fixedVersion) < 0)
                .Select(p => $"{graph.Project}: {p.Id} {p.Version} ({advisory}; fixed in {firstFixed})"));

        Assert.Empty(vulnerable);
    }

    [Fact]
    public void The_check_sees_a_transitive_vulnerable_version_in_an_assets_file()
    {
        const string assets = """
            {"version":3,"libraries":{
              "JWT/9.0.3":{"type":"package","path":"jwt/9.0.3"},
              "Newtonsoft.Json/11.0.1":{"type":"package","path":"newtonsoft.json/11.0.1"},
              "CourseComments.Core/1.0.0":{
                "type":"project","path":"../CourseComments.Core/CourseComments.Core.csproj"}}}
            """;

        var graph = RestoreGraph.Parse("Example", assets);

        var newtonsoft = Assert.Single(graph.Packages, p => p.Id == "Newtonsoft.Json");
        Assert.True(newtonsoft.Version.CompareTo(NuGetVersion.Parse("13.0.1")) < 0);
        Assert.DoesNotContain(graph.Packages, p => p.Id == "CourseComments.Core");
    }
}
