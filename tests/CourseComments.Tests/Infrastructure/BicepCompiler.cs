using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CourseComments.Tests.Infrastructure;

/// <summary>What one run of the Bicep CLI printed: stdout, and its diagnostics (stderr, one per line, in the form
/// <c>file(line,col) : Warning rule-id: message</c>).</summary>
internal sealed record BicepRun(int ExitCode, string Output, IReadOnlyList<string> Diagnostics);

/// <summary>
/// The Bicep CLI from the NuGet package <c>Azure.Bicep.CommandLine.linux-x64</c> (version pinned as
/// <c>BicepVersion</c> in Directory.Packages.props, downloaded by restore with a <c>PackageDownload</c>); its path
/// comes from the packages folder NuGet restored into, recorded in this assembly at build time.
/// </summary>
internal static class BicepCompiler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        var diagnostics = (await errors)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new BicepRun(process.ExitCode, await output, diagnostics);
    }

    private static string Locate()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                "The infrastructure tests run the Bicep CLI from Azure.Bicep.CommandLine.linux-x64: Linux x64 only.");
        }

        var path = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepCompiler").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No Bicep CLI at '{path}': restore tests/CourseComments.Tests (its PackageDownload fetches it).");
        }

        // NuGet extracts package files without their permission bits on some hosts; the executable needs its x bit.
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(
                path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
