using System.Diagnostics;

namespace CourseComments.Emulator.Tests;

/// <summary>
/// Wire fidelity with a client that is not ours: JsSdk/wire-test.js drives the emulator with Momento's JavaScript SDK
/// (@gomomento/sdk, MomentoLocalProvider). Its packages are installed with <c>npm ci</c> when missing (.ci/run does it
/// up front), from the committed package-lock.json.
/// </summary>
public sealed class JsSdkWireTests
{
    private static readonly string[] Checks =
    [
        "set-get-miss", "set-if-absent-once", "delete", "list-push-truncate-fetch", "ttl-expiry", "unknown-cache",
        "publish-subscribe",
    ];

    private static readonly SemaphoreSlim Install = new(1, 1);

    [Fact]
    public async Task Momentos_javascript_sdk_passes_every_check_against_the_emulator()
    {
        var folder = JsSdkFolder();
        await EnsureInstalledAsync(folder);
        await using var server = await EmulatorServer.StartAsync();

        var (exitCode, output) = await RunAsync(
            "node", folder, "wire-test.js", server.Host.Endpoints.GrpcHost,
                server.Host.Endpoints.GrpcPort.ToString(), EmulatorServer.Cache);

        Assert.All(Checks, check => Assert.Contains($"PASS {check}", output));
        Assert.True(exitCode == 0, output);
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "@gomomento", "sdk")))
            {
                var (exitCode, output) = await RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
                Assert.True(exitCode == 0, $"npm ci failed: {output}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string folder,
        params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>tests/CourseComments.Emulator.Tests/JsSdk, found from the test assembly's folder upwards.</summary>
    private static string JsSdkFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "CourseComments.Emulator.Tests", "JsSdk");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "tests/CourseComments.Emulator.Tests/JsSdk was not found above " + AppContext.BaseDirectory);
    }
}
