using Grpc.Core;

namespace CourseComments.MomentoEmulator.Faults;

/// <summary>
/// Faults a test injects at the emulator, so the app's Momento.Sdk adapters meet them exactly as they would meet
/// Momento's: a gRPC status instead of an answer, a delay before the answer, or subscriptions cut off mid-stream.
/// Rules name a gRPC method by its short name (<c>ListPushFront</c>, <c>SetIfNotExists</c>, <c>Publish</c>,
/// <c>Subscribe</c>, <c>GenerateDisposableToken</c>, ...) or <c>*</c> for every method. Nothing is injected until a
/// test asks.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, FailureRule> failures = [];
    private readonly Dictionary<string, TimeSpan> delays = [];
    private CancellationTokenSource streams = new();

    /// <summary>Runs before every call with the method's short name and the call's cancellation (cancelled when the
    /// caller gives up): it may wait, hang or throw an <see cref="RpcException"/> (the call's answer). For faults
    /// that depend on timing across many calls; null for none.</summary>
    public Func<string, CancellationToken, Task>? BeforeCall { get; set; }

    /// <summary>Answers the next <paramref name="times"/> calls of <paramref name="method"/> with <paramref name="status"/>.</summary>
    public void Fail(string method, StatusCode status, int times = int.MaxValue)
    {
        lock (gate)
        {
            failures[method] = new FailureRule(status, times);
        }
    }

    /// <summary>Holds every call of <paramref name="method"/> for <paramref name="delay"/> (real time) before serving it.</summary>
    public void Delay(string method, TimeSpan delay)
    {
        lock (gate)
        {
            delays[method] = delay;
        }
    }

    /// <summary>Cuts off every open subscription stream now (an abrupt reset, as a dropped connection looks).</summary>
    public void DropStreams()
    {
        CancellationTokenSource dropped;
        lock (gate)
        {
            dropped = streams;
            streams = new CancellationTokenSource();
        }

        dropped.Cancel();
        dropped.Dispose();
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (gate)
        {
            failures.Clear();
            delays.Clear();
            BeforeCall = null;
        }
    }

    /// <summary>Calls <paramref name="drop"/> when <see cref="DropStreams"/> is next called; dispose to stop listening.</summary>
    internal CancellationTokenRegistration OnDropStreams(Action drop)
    {
        lock (gate)
        {
            return streams.Token.Register(drop);
        }
    }

    /// <summary>What to do to a call of <paramref name="method"/>: the delay to wait, then the status to fail with.</summary>
    internal (TimeSpan Delay, StatusCode? Failure) For(string method)
    {
        lock (gate)
        {
            var delay = delays.TryGetValue(method, out var d) || delays.TryGetValue("*", out d) ? d : TimeSpan.Zero;
            var key = failures.ContainsKey(method) ? method : "*";
            if (!failures.TryGetValue(key, out var rule))
            {
                return (delay, null);
            }

            if (rule.Remaining <= 1)
            {
                failures.Remove(key);
            }
            else if (rule.Remaining != int.MaxValue)
            {
                failures[key] = rule with { Remaining = rule.Remaining - 1 };
            }

            return (delay, rule.Status);
        }
    }

    private sealed record FailureRule(StatusCode Status, int Remaining);
}
