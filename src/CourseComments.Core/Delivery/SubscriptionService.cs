using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Delivery;

/// <summary>
/// The hosted service of <c>Momento:Delivery=Subscription</c>: runs the <see cref="TopicRelay"/> only while this
/// instance holds a <see cref="DeliveryLease"/>; without one it serves HTTP only and looks for a free slot every
/// third of the lease TTL. At shutdown it stops reading at once, lets a write already started finish within
/// <see cref="DeliveryOptions.ShutdownWriteBudget"/>, and frees its slot. Nothing it meets stops the host.
/// </summary>
public sealed class SubscriptionService(
    DeliveryLease lease,
    TopicRelay relay,
    DeliveryStatus status,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<SubscriptionService> logger) : BackgroundService
{
    private readonly CancellationTokenSource writes = new(Timeout.InfiniteTimeSpan, time);
    private CancellationTokenSource? relaying;
    private Task relayRun = Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        writes.CancelAfter(options.Value.ShutdownWriteBudget);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        relaying?.Dispose();
        writes.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // Start-up does not wait for the first lease call.
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await KeepLeaseAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    DeliveryLog.Unexpected(logger, ex);
                    await StopRelayAsync();
                    await Task.Delay(lease.RenewInterval, time, stoppingToken)
                        .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            await StopRelayAsync();
            using var release = new CancellationTokenSource(options.Value.ReleaseBudget, time);
            await lease.ReleaseAsync(release.Token);
        }
    }

    private async Task KeepLeaseAsync(CancellationToken stoppingToken)
    {
        // Lease calls run on the writes token, not the stopping one: a renew abandoned at shutdown could still land
        // after the release and take the slot again for a whole TTL.
        if (lease.Slot is null)
        {
            if (await lease.TryAcquireAsync(writes.Token))
            {
                StartRelay(stoppingToken);
                return;
            }

            await Task.Delay(lease.RenewInterval, time, stoppingToken);
            return;
        }

        await Task.Delay(lease.CheckInterval, time, stoppingToken);
        if (lease.RenewDue)
        {
            await lease.RenewAsync(writes.Token);
        }

        if (!lease.IsValid)
        {
            await StopRelayAsync();
        }
    }

    private void StartRelay(CancellationToken stoppingToken)
    {
        relaying = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        status.LeaseHeld(true);
        relayRun = relay.RunAsync(relaying.Token, writes.Token);
    }

    /// <summary>Stops reading and waits for the write in progress (bounded by the shutdown budget when
    /// stopping).</summary>
    private async Task StopRelayAsync()
    {
        if (relaying is null)
        {
            return;
        }

        await relaying.CancelAsync();
        await relayRun.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        relaying.Dispose();
        relaying = null;
        status.LeaseHeld(false);
    }
}
