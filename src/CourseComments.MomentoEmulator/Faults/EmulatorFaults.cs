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
    private readonly MethodFaultRules rules = new();
    private CancellationTokenSource streams = new();
    private Func<string, CancellationToken, Task>? beforeCall;
    private volatile bool idle = true;

    /// <summary>True while no fault is set: calls then skip fault handling entirely.</summary>
    internal bool IsIdle => idle;

    /// <summary>Runs before every call with the method's short name and the call's cancellation (cancelled when the
    /// caller gives up): it may wait, hang or throw an <see cref="RpcException"/> (the call's answer). For faults
    /// that depend on timing across many calls; null for none.</summary>
    public Func<string, CancellationToken, Task>? BeforeCall
    {
        get => beforeCall;
        set
        {
            lock (gate)
            {
                beforeCall = value;
                UpdateIdle();
            }
        }
    }

    /// <summary>Answers the next <paramref name="times"/> calls of <paramref name="method"/> with
    /// <paramref name="status"/>.</summary>
    public void Fail(string method, StatusCode status, int times = int.MaxValue)
    {
        lock (gate)
        {
            rules.Fail(method, status, times);
            UpdateIdle();
        }
    }

    /// <summary>Holds every call of <paramref name="method"/> for <paramref name="delay"/> (real time, to within a
    /// fraction of a millisecond, see <see cref="PreciseDelay.HoldAsync"/>) before serving it.</summary>
    public void Delay(string method, TimeSpan delay)
    {
        lock (gate)
        {
            rules.Delay(method, delay);
            UpdateIdle();
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
            rules.Clear();
            beforeCall = null;
            UpdateIdle();
        }
    }

    /// <summary>Calls <paramref name="drop"/> when <see cref="DropStreams"/> is next called; dispose to stop
    /// listening.</summary>
    internal CancellationTokenRegistration OnDropStreams(Action drop)
    {
        lock (gate)
        {
            return streams.Token.Register(drop);
        }
    }

    /// <summary>Applies the faults set for this call's method: <see cref="BeforeCall"/>, then a delay, then a
    /// failure.</summary>
    internal async Task ApplyAsync(ServerCallContext context)
    {
        if (idle)
        {
            return;
        }

        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        if (BeforeCall is { } hook)
        {
            await hook(method, context.CancellationToken);
        }

        var (delay, failure) = Take(method);
        if (delay > TimeSpan.Zero)
        {
            await PreciseDelay.HoldAsync(delay, context.CancellationToken);
        }

        if (failure is { } status)
        {
            throw new RpcException(new Status(status, "Injected fault."));
        }
    }

    private (TimeSpan Delay, StatusCode? Failure) Take(string method)
    {
        lock (gate)
        {
            var fault = rules.Take(method);
            UpdateIdle();
            return fault;
        }
    }

    private void UpdateIdle() => idle = rules.IsEmpty && beforeCall is null;
}
