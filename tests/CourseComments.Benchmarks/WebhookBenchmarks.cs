using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>
/// Full in-process handling of one webhook delivery: read the body, verify, parse, check, store once through
/// Momento.Sdk in the Momento emulator and write the answer. Every invocation is a new event (a pool of pre-signed
/// ones, so signing
/// is not measured); the app is rebuilt when the pool wraps, amortised over <see cref="PoolSize"/> events.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private const int PoolSize = 16_384;
    private const int Courses = 256;

    private readonly StoppedClock clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private (byte[] Body, string Signature)[] events = [];
    private byte[] misSigned = [];
    private ServiceProvider services = null!;
    private WebhookEndpoint endpoint = null!;
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        var key = Encoding.UTF8.GetBytes(BenchmarkApp.Secret);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        events = Enumerable.Range(0, PoolSize).Select(i =>
        {
            var text = JsonSerializer.Serialize(new Dictionary<string, object> { ["courseId"] = i % Courses, ["comment"] = $"Comment number {i}: this course and video is awesome!" });
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["cache"] = "course-comments",
                ["topic"] = "comment",
                ["event_timestamp"] = now,
                ["publish_timestamp"] = now,
                ["topic_sequence_number"] = i,
                ["token_id"] = $"user-{i % 1000}",
                ["text"] = text,
            });
            return (body, WebhookSignature.Compute(key, body));
        }).ToArray();
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
    public async Task<int> HandleNewEvent()
    {
        if (next == events.Length)
        {
            services.Dispose();
            Reset();
        }

        var (body, signature) = events[next++];
        var context = BenchmarkApp.Request(services, HttpMethods.Post, body, signature);
        var result = await endpoint.HandleAsync(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Benchmark]
    public async Task<int> HandleMisSignedEvent()
    {
        var context = BenchmarkApp.Request(services, HttpMethods.Post, misSigned, "0000000000000000000000000000000000000000000000000000000000000000");
        var result = await endpoint.HandleAsync(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    private void Reset()
    {
        services = BenchmarkApp.Build(clock);
        endpoint = services.GetRequiredService<WebhookEndpoint>();
        next = 0;
    }
}
