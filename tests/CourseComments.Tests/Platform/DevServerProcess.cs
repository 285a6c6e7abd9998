using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using CourseComments.Tests.Infrastructure;

namespace CourseComments.Tests.Platform;

/// <summary>
/// The real dev server as a developer starts it: its built program (or <c>dotnet run</c>) in a process of its own,
/// with the given arguments, folder and environment, its console output collected line by line. Disposing stops
/// this process (and only it) by its id.
/// </summary>
internal sealed partial class DevServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private DevServerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', lines);

    /// <summary>The build configuration's folder this test runs from (debug or release), which the dev server's
    /// build output shares.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Name;

    /// <param name="viaDotnetRun">Start with <c>dotnet run --no-build --project</c>, as the README does.</param>
    public static DevServerProcess Start(
        string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
            bool viaDotnetRun = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaDotnetRun)
        {
            foreach (var argument in new[] { "run", "--no-build", "--no-restore", "-c", Configuration, "--project",
                RepoFiles.PathOf("src/CourseComments.DevServer"), "--" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "..", "..", "CourseComments.DevServer",
                Configuration, "CourseComments.DevServer.dll"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The embedded Momento emulator on free ports too, never the developer's 7072/7073.
        start.ArgumentList.Add($"--Momento:LocalEndpoint=127.0.0.1:{FreePort()}");
        start.ArgumentList.Add("--MomentoEmulator:HttpPort=0");

        // Never Azure, and no console colours in the collected lines.
        foreach (var name in new[] { "WEBSITE_INSTANCE_ID", "WEBSITE_OWNER_NAME", "WEBSITE_SKU", "CONTAINER_NAME",
            "ASPNETCORE_URLS", "Logging__LogLevel__Default" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new DevServerProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the server's "Now listening on:" line and returns that address.</summary>
    public async Task<Uri> ListeningAsync(TimeSpan? timeout = null) =>
        new((await WaitForAsync(ListeningLine(), timeout)).Groups[1].Value);

    /// <summary>Waits until a line matches; fails with everything the process printed when none does in time or it
    /// exits.</summary>
    public async Task<Match> WaitForAsync(Regex pattern, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (lines.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success) is { } match)
            {
                return match;
            }

            if (process.HasExited)
            {
                await Task.Delay(200);
                if (lines.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success) is { } last)
                {
                    return last;
                }

                break;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException(
            $"No line matching {pattern} (exited: {process.HasExited}). Output:\n{Output}");
    }

    /// <summary>The exit code, once the process has ended by itself within the timeout.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (http\S+)")]
    private static partial Regex ListeningLine();
}
