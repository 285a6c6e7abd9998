using BenchmarkDotNet.Attributes;
using CourseComments.Comments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>
/// The app's own cost of one new ~400-byte webhook event (read, verify, parse, check, claim, read the profile, push,
/// answer) with every store call answered at once in memory (<see cref="AnsweredStore"/>): issue 14's allocation
/// target (at most 2 KB per event) applies to this figure. <see cref="WebhookBenchmarks"/> measures the whole path
/// through Momento.Sdk and the emulator. <see cref="RequestOnly"/> is the harness's own share, to subtract: the
/// HttpContext with its body stream and its request and response header stores, which Kestrel keeps per connection
/// (the answer is written to the body stream, so no response writer is made).
/// </summary>
[MemoryDiagnoser]
public class WebhookHandlerBenchmarks
{
    private const int PoolSize = 16_384;

    private readonly StoppedClock clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AnsweredStore store = new();
    private WebhookEvents events = null!;
    private ServiceProvider services = null!;
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        events = new WebhookEvents(PoolSize, clock.GetUtcNow());
        services = BenchmarkApp.Build(clock, s => s.AddSingleton<ICommentStore>(store));
        var status = await HandleNewEvent();
        if (status != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"The benchmark's event was answered {status}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Baseline = true)]
    public HttpContext RequestOnly()
    {
        var (body, signature) = events[0];
        var context = BenchmarkApp.Request(services, HttpMethods.Post, body, signature);
        context.Response.ContentLength = 0; // the response header store is made on first use
        return context;
    }

    [Benchmark]
    public ValueTask<int> HandleNewEvent()
    {
        if (next == events.Count)
        {
            store.Clear();
            next = 0;
        }

        var (body, signature) = events[next++];
        return WebhookEvents.DeliverAsync(services, body, signature);
    }
}
