using System.Security.Cryptography;
using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Delivery;

/// <summary>
/// A subscriber slot held in the shared cache, so that across any number of instances at most
/// <see cref="DeliveryOptions.Subscribers"/> subscribe. Each slot is one key, taken with set-if-absent and a TTL
/// (<see cref="DeliveryOptions.LeaseTtl"/>) and renewed by its holder; a holder that stops renewing loses it when
/// the TTL runs out, and another instance takes it.
/// <para>
/// Momento.Sdk 1.41.1 has no compare-and-set (its <c>ICacheClient</c> offers <c>SetIfNotExists</c> only), so a renew
/// is a read (still ours?) and a write, and counts only when its answer arrives while the lease is still
/// <see cref="IsValid"/> (two thirds of the TTL after the start of the last renew that counted), so the key cannot
/// have expired and been taken in between. A late renew counts as lost. A holder that cannot renew stops once
/// <see cref="IsValid"/> turns false, a third of the TTL before anyone else could take the slot, so two holders of
/// one slot never overlap, provided clocks run at the same rate.
/// </para>
/// </summary>
public sealed class DeliveryLease(
    ICommentStore store,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    IOptions<MomentoOptions> momento,
    ILogger<DeliveryLease> logger)
{
    private readonly DeliveryOptions settings = options.Value;
    private readonly string keyPrefix = $"delivery-lease:{momento.Value.TopicName}:";
    private readonly string holder =
        $"{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
    private int? slot;
    private long validSinceTimestamp;
    private long? unconfirmedSince;

    /// <summary>The slot this instance holds, or null.</summary>
    public int? Slot => slot;

    /// <summary>True while a slot is held and the last counted renew started less than two thirds of the TTL
    /// ago.</summary>
    public bool IsValid => slot is not null && time.GetElapsedTime(validSinceTimestamp) < settings.LeaseTtl * 2 / 3;

    /// <summary>True once a third of the TTL has passed since the last counted renew started.</summary>
    public bool RenewDue => slot is not null && time.GetElapsedTime(validSinceTimestamp) >= RenewInterval;

    /// <summary>How often a free slot is looked for, and how soon a holder renews: a third of the TTL.</summary>
    public TimeSpan RenewInterval => settings.LeaseTtl / 3;

    /// <summary>How often a holder checks its lease: twice per <see cref="RenewInterval"/>, so it stops well before
    /// the key can expire even when every renew fails.</summary>
    public TimeSpan CheckInterval => settings.LeaseTtl / 6;

    /// <summary>Takes a free slot (the lowest first). Store failures count as "none free".</summary>
    /// <returns>True when this instance now holds a slot.</returns>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        for (var candidate = 0; candidate < settings.Subscribers; candidate++)
        {
            var started = time.GetTimestamp();
            try
            {
                if (await store.SetIfNotExistsAsync(Key(candidate), holder, settings.LeaseTtl, cancellationToken))
                {
                    return Take(candidate, started);
                }

                // A set-if-absent that failed on our side (a timeout) may still have landed: the slot is then ours,
                // written no earlier than that attempt started, which bounds its expiry from below.
                if (unconfirmedSince is { } since
                    && time.GetElapsedTime(since) < settings.LeaseTtl * 2 / 3
                    && await store.GetAsync(Key(candidate), cancellationToken) == holder)
                {
                    return Take(candidate, since);
                }
            }
            catch (CommentStoreException ex)
            {
                unconfirmedSince ??= started;
                DeliveryLog.LeaseStoreFailed(logger, "acquire", ex.Failure);
                return false;
            }
        }

        return false;
    }

    private bool Take(int candidate, long since)
    {
        (slot, validSinceTimestamp, unconfirmedSince) = (candidate, since, null);
        DeliveryLog.LeaseAcquired(logger, candidate);
        return true;
    }

    /// <summary>Extends the held lease by one TTL.</summary>
    /// <returns>False when the lease is lost: taken over, expired, or not renewed in time.</returns>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        if (slot is not { } held)
        {
            return false;
        }

        var started = time.GetTimestamp();
        try
        {
            if (await store.GetAsync(Key(held), cancellationToken) == holder)
            {
                await store.SetAsync(Key(held), holder, settings.LeaseTtl, cancellationToken);
                if (IsValid)
                {
                    validSinceTimestamp = started;
                    return true;
                }
            }
        }
        catch (CommentStoreException ex)
        {
            DeliveryLog.LeaseStoreFailed(logger, "renew", ex.Failure);
            if (IsValid)
            {
                return true; // Still ours for now; the next check tries again.
            }
        }

        DeliveryLog.LeaseLost(logger, held);
        slot = null;
        return false;
    }

    /// <summary>Gives the slot up at shutdown so a standby takes it at once rather than after the TTL. Skipped when
    /// too little of the lease is left to be sure the key is still ours.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (slot is not { } held)
        {
            return;
        }

        slot = null;
        if (time.GetElapsedTime(validSinceTimestamp) >= settings.LeaseTtl * 2 / 3)
        {
            return;
        }

        try
        {
            // Checked again after each delete: a renew the SDK still had in flight (its own retry after a timeout)
            // can land after the delete and would hold the slot for a whole TTL.
            for (var attempt = 0;
                attempt < 3 && await store.GetAsync(Key(held), cancellationToken) == holder;
                attempt++)
            {
                await store.DeleteAsync(Key(held), cancellationToken);
                DeliveryLog.LeaseReleased(logger, held);
            }
        }
        catch (Exception ex) when (ex is CommentStoreException or OperationCanceledException)
        {
            // The lease then simply expires with its TTL.
        }
    }

    private string Key(int candidate) => keyPrefix + candidate;
}
