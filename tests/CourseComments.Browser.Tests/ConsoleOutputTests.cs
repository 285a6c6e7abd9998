using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CourseComments.Browser.Tests;

/// <summary>The README's promise: running the browser flow prints where its screenshot is, on the console of
/// <c>dotnet test</c>, for a passing run too.</summary>
[Collection(ConsoleOutputTests.ScreenshotWriters)]
public sealed partial class ConsoleOutputTests
{
    /// <summary>Tests that write screenshots/two-users.png, directly or through the nested run: one at a
    /// time.</summary>
    public const string ScreenshotWriters = "screenshot writers";

    [ChromiumFact]
    public async Task Dotnet_test_prints_the_screenshot_path_on_the_console()
    {
        var results = Directory.CreateTempSubdirectory("browser-console-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "test", typeof(ConsoleOutputTests).Assembly.Location, "--filter",
                "FullyQualifiedName~Two_users_see_each_others_comments", "--results-directory", results.FullName,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, output + await stderr);
            var printed = ScreenshotLine().Match(output);
            Assert.True(printed.Success, "no screenshot line in:\n" + output);
            Assert.True(File.Exists(printed.Groups[1].Value), printed.Groups[1].Value);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"CourseComments\.Browser\.Tests: Screenshot: (\S+\.png)")]
    private static partial Regex ScreenshotLine();
}
