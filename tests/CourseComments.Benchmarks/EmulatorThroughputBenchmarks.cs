using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;
using Momento.Sdk.Responses;

namespace CourseComments.Benchmarks;

/// <summary>
/// Cache operations per second through Momento.Sdk (MomentoLocalProvider, one CacheClient as the app holds) against the
/// Momento emulator on loopback: each invocation runs <see cref="Operations"/> calls from <see cref="Concurrency"/>
/// concurrent callers. The Op/s column is the figure (the emulator's target: at least 20,000). Client and emulator
/// share this process and its cores, so the figure is a floor for the emulator alone.
/// </summary>
[Config(typeof(OperationsPerSecond))]
public class EmulatorThroughputBenchmarks
{
    public const int Operations = 4_000;
    public const string Cache = "course-comments";

    private MomentoEmulatorHost emulator = null!;
    private CacheClient client = null!;

    [Params(256, 512)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MomentoEmulator:GrpcPort"] = "0",
            ["MomentoEmulator:HttpPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build();
        emulator = MomentoEmulatorHost.StartAsync(configuration).GetAwaiter().GetResult();
        client = new CacheClient(
            Configurations.InRegion.Default.Latest(NullLoggerFactory.Instance),
            new MomentoLocalProvider(emulator.Endpoints.GrpcHost, emulator.Endpoints.GrpcPort),
            TimeSpan.FromMinutes(5));
        if (client.SetAsync(Cache, "check", "v").GetAwaiter().GetResult() is not CacheSetResponse.Success)
        {
            throw new InvalidOperationException("The emulator did not accept a Set.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Half Set, half Get, on 1,000 keys.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public Task SetAndGet() => RunAsync(async i =>
    {
        var key = $"key-{i % 1000}";
        var ok = i % 2 == 0
            ? await client.SetAsync(Cache, key,
                "a comment of ordinary length, about eighty bytes of UTF-8 text ✓") is CacheSetResponse.Success
            : await client.GetAsync(Cache, key) is not CacheGetResponse.Error;
        return ok;
    });

    /// <summary>The app's own pattern: ListPushFront with truncation (a comment stored), then ListFetch (read
    /// back).</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public Task ListPushAndFetch() => RunAsync(async i =>
    {
        var list = $"course-{i % 100}";
        return i % 2 == 0
            ? await client.ListPushFrontAsync(Cache, list, "a comment",
                truncateBackToSize: 100) is CacheListPushFrontResponse.Success
            : await client.ListFetchAsync(Cache, list) is not CacheListFetchResponse.Error;
    });

    private async Task RunAsync(Func<int, Task<bool>> operation)
    {
        var next = -1;
        var failures = 0;
        var callers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Operations; i = Interlocked.Increment(ref next))
            {
                if (!await operation(i))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(callers);
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {Operations} operations failed.");
        }
    }

    private sealed class OperationsPerSecond : ManualConfig
    {
        public OperationsPerSecond() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
