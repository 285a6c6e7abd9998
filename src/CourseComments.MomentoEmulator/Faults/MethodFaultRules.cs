using Grpc.Core;

namespace CourseComments.MomentoEmulator.Faults;

/// <summary>
/// The rules behind <see cref="EmulatorFaults"/>: a status that answers a method's next calls and a delay before each
/// of its calls, keyed by the method's short name or <c>*</c> (every method; a method's own rule comes first). Not
/// thread-safe: <see cref="EmulatorFaults"/> holds its lock around every use.
/// </summary>
internal sealed class MethodFaultRules
{
    private readonly Dictionary<string, FailureRule> failures = [];
    private readonly Dictionary<string, TimeSpan> delays = [];

    public bool IsEmpty => failures.Count == 0 && delays.Count == 0;

    /// <summary>Answers the next <paramref name="times"/> calls (<see cref="int.MaxValue"/>: every call) with
    /// <paramref name="status"/>.</summary>
    public void Fail(string method, StatusCode status, int times) => failures[method] = new FailureRule(status, times);

    public void Delay(string method, TimeSpan delay) => delays[method] = delay;

    public void Clear()
    {
        failures.Clear();
        delays.Clear();
    }

    /// <summary>What to do to a call of <paramref name="method"/>: the delay to wait, then the status to fail with;
    /// a failure counts against its rule's remaining calls.</summary>
    public (TimeSpan Delay, StatusCode? Failure) Take(string method)
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

    private sealed record FailureRule(StatusCode Status, int Remaining);
}
