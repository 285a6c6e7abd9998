using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace CourseComments.Load;

/// <summary>
/// Sends a batch of ready-made requests, at most <c>concurrency</c> at a time and, with a rate, no faster than it,
/// and times each from just before sending to the end of its response body. Requests are built (and events signed)
/// before the batch's clock starts: in production Momento does that work, not this machine.
/// </summary>
internal static class LoadPhase
{
    public static async Task<PhaseResult> RunAsync(
        string name, HttpClient client, HttpRequestMessage[] requests, int concurrency, double? rate)
    {
        var count = requests.Length;
        var latencies = new long[count];
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(concurrency);
        var sends = new Task[count];
        var ticksPerRequest = rate is null ? 0 : Stopwatch.Frequency / rate.Value;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (rate is not null)
            {
                await WaitUntilAsync(start + (long)(i * ticksPerRequest));
            }

            await slots.WaitAsync();
            sends[i] = SendAsync(i, requests[i]);
        }

        await Task.WhenAll(sends);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new PhaseResult(name, latencies, elapsed, failures);

        async Task SendAsync(int index, HttpRequestMessage message)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(message);
                await response.Content.ReadAsByteArrayAsync();
                latencies[index] = Stopwatch.GetTimestamp() - sent;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
            }
            catch (HttpRequestException ex)
            {
                latencies[index] = Stopwatch.GetTimestamp() - sent;
                failures.AddOrUpdate(ex.Message, 1, (_, n) => n + 1);
            }
            finally
            {
                message.Dispose();
                slots.Release();
            }
        }
    }

    private static async Task WaitUntilAsync(long due)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait >= TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }
    }
}

internal sealed record PhaseResult(
    string Name, long[] Latencies, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Failures)
{
    /// <summary>One result for batches of the same requests: all their latencies over their summed time.</summary>
    public static PhaseResult Combine(IReadOnlyList<PhaseResult> batches) => new(
        batches[0].Name,
        batches.SelectMany(b => b.Latencies).ToArray(),
        batches.Aggregate(TimeSpan.Zero, (total, b) => total + b.Elapsed),
        batches.SelectMany(b => b.Failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value)));

    public double Throughput => Latencies.Length / Elapsed.TotalSeconds;

    public int FailureCount => Failures.Values.Sum();

    /// <summary>The latency, in ms, that <paramref name="fraction"/> of the requests did not exceed (nearest
    /// rank).</summary>
    public double Percentile(double fraction)
    {
        var sorted = Latencies.Order().ToArray();
        var rank = Math.Max(1, (int)Math.Ceiling(fraction * sorted.Length));
        return sorted[rank - 1] * 1000.0 / Stopwatch.Frequency;
    }
}
