using System.Text.Json;

namespace CourseComments.Tests.Security;

/// <summary>
/// The packages NuGet restored for one project, read from its <c>project.assets.json</c> (the restore graph the build
/// compiles against, transitive packages included).
/// </summary>
internal sealed record RestoreGraph(string Project, IReadOnlyList<(string Id, NuGetVersion Version)> Packages)
{
    public static RestoreGraph Parse(string project, string assetsJson)
    {
        using var document = JsonDocument.Parse(assetsJson);
        var packages = new List<(string, NuGetVersion)>();
        foreach (var library in document.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package")
            {
                continue;
            }

            var slash = library.Name.IndexOf('/');
            packages.Add((library.Name[..slash], NuGetVersion.Parse(library.Name[(slash + 1)..])));
        }

        return new RestoreGraph(project, packages);
    }

    /// <summary>Every project's assets file under the build's <c>obj</c> folder (the artifacts layout:
    /// <c>obj/&lt;project&gt;/project.assets.json</c>), found upward from this test assembly's output folder.</summary>
    public static IReadOnlyList<RestoreGraph> OfEveryProject()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var obj = Path.Combine(folder.FullName, "obj");
            if (File.Exists(Path.Combine(obj, "CourseComments.Tests", "project.assets.json")))
            {
                return Directory.GetDirectories(obj)
                    .Select(dir => (Project: Path.GetFileName(dir), Assets: Path.Combine(dir, "project.assets.json")))
                    .Where(p => File.Exists(p.Assets))
                    .Select(p => Parse(p.Project, File.ReadAllText(p.Assets)))
                    .ToArray();
            }
        }

        throw new InvalidOperationException(
            $"No obj/CourseComments.Tests/project.assets.json above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A NuGet version's numeric part (<c>13.0.4</c>, <c>4.3.0-preview1</c> counts as 4.3.0).</summary>
internal sealed record NuGetVersion(Version Number, string Text) : IComparable<NuGetVersion>
{
    public static NuGetVersion Parse(string text)
    {
        var numeric = text.Split('-', '+')[0];
        var parts = numeric.Split('.').Select(int.Parse).Concat([0, 0, 0]).Take(4).ToArray();
        return new NuGetVersion(new Version(parts[0], parts[1], parts[2], parts[3]), text);
    }

    public int CompareTo(NuGetVersion? other) => Number.CompareTo(other?.Number);

    public override string ToString() => Text;
}
