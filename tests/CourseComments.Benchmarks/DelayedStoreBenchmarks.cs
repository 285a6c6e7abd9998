using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using CourseComments.MomentoEmulator.Faults;
using CourseComments.MomentoEmulator.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>
/// New webhook events end to end (Momento.Sdk against the emulator) while the emulator holds every call for
/// <see cref="DelayMilliseconds"/> before answering, as a Momento region a few milliseconds away would: the answer
/// waits for two sequential store calls (the claim with the count and profile read alongside, then the push), so its
/// latency is about two delays (issue 14: P50 at most 5 ms with 2 ms). <see cref="OneEvent"/> sends one event per
/// iteration, so the process's threads are idle in between (each hop then pays a wake-up); <see cref="TenInARow"/>
/// sends ten, each after the previous was answered, and reports the time per event, as a server in steady use sees it.
/// </summary>
[Config(typeof(PerEventLatency))]
[InvocationCount(1, unrollFactor: 1)]
[WarmupCount(20)]
[IterationCount(300)]
public class DelayedStoreBenchmarks
{
    private const int PoolSize = 4_096;

    private readonly StoppedClock clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private WebhookEvents events = null!;
    private ServiceProvider services = null!;
    private int next;

    [Params(0, 2)]
    public int DelayMilliseconds { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        events = new WebhookEvents(PoolSize, clock.GetUtcNow(), salt: DelayMilliseconds);
        services = BenchmarkApp.Build(clock);
        var faults = services.GetRequiredService<MomentoEmulatorHost>().Services.GetRequiredService<EmulatorFaults>();
        if (DelayMilliseconds > 0)
        {
            faults.Delay("*", TimeSpan.FromMilliseconds(DelayMilliseconds));
        }

        var status = await HandleNewEvent();
        if (status != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"The benchmark's event was answered {status}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark]
    public ValueTask<int> OneEvent() => HandleNewEvent();

    [Benchmark(OperationsPerInvoke = 10)]
    public async Task<int> TenInARow()
    {
        var status = 0;
        for (var i = 0; i < 10; i++)
        {
            status = await HandleNewEvent();
        }

        return status;
    }

    private ValueTask<int> HandleNewEvent()
    {
        var (body, signature) = events[next++ % events.Count];
        return WebhookEvents.DeliverAsync(services, body, signature);
    }

    private sealed class PerEventLatency : ManualConfig
    {
        public PerEventLatency() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}
