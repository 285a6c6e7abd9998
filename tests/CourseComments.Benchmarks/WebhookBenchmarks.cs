using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>
/// Full in-process handling of one webhook delivery: read the body, verify, parse, check, store once through
/// Momento.Sdk in the Momento emulator (both in this process, so their allocations count here too) and write the
/// answer. Every invocation is a new ~400-byte event (a pool of pre-signed ones, so signing is not measured); the app
/// is rebuilt when the pool wraps, amortised over <see cref="PoolSize"/> events.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private const int PoolSize = 16_384;

    private readonly StoppedClock clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private WebhookEvents events = null!;
    private byte[] misSigned = [];
    private ServiceProvider services = null!;
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        events = new WebhookEvents(PoolSize, clock.GetUtcNow());
        misSigned = events[0].Body;
        Reset();

        var status = await HandleNewEvent();
        if (status != StatusCodes.Status200OK || await HandleMisSignedEvent() != StatusCodes.Status403Forbidden)
        {
            throw new InvalidOperationException($"The benchmark's events are not handled as expected ({status}).");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark]
    public ValueTask<int> HandleNewEvent()
    {
        if (next == events.Count)
        {
            services.Dispose();
            Reset();
        }

        var (body, signature) = events[next++];
        return WebhookEvents.DeliverAsync(services, body, signature);
    }

    [Benchmark]
    public ValueTask<int> HandleMisSignedEvent() =>
        WebhookEvents.DeliverAsync(services, misSigned, new string('0', 64));

    private void Reset()
    {
        services = BenchmarkApp.Build(clock);
        next = 0;
    }
}
