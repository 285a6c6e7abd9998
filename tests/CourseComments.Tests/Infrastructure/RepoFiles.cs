using System.Runtime.CompilerServices;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Files of this repository, found from this source file's own location (the build output may live
/// anywhere, e.g. under a separate artifacts path).</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string repoRelativePath) =>
        Path.GetFullPath(Path.Combine(Root, repoRelativePath.Replace('/', Path.DirectorySeparatorChar)));

    public static string Read(string repoRelativePath) => File.ReadAllText(PathOf(repoRelativePath));

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); folder is not null; folder =
            folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CourseComments.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CourseComments.sln above {sourceFile}.");
    }
}
