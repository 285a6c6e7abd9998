using System.ComponentModel.DataAnnotations;

namespace CourseComments.Delivery;

/// <summary>Subscription delivery (section <c>Delivery</c>); the mode itself is <c>Momento:Delivery</c>. Only
/// <see cref="Subscribers"/> is a setting: the rest are fixed values with their reasons, which configuration cannot
/// set (their setters are internal, for tests that shorten them).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How many instances subscribe at once. Two, so losing one loses nothing (the once-only write keeps one
    /// copy); one halves Momento's per-delivery operations.</summary>
    [Range(1, 2)]
    public int Subscribers { get; set; } = 2;

    /// <summary>A subscriber's lease lives this long unless renewed (every third of it): the longest a dead
    /// holder's slot stays taken. 15 s: a lost instance is replaced quickly, at one renewal every 5 s.</summary>
    public TimeSpan LeaseTtl { get; internal set; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait before resubscribing after a failure; doubles (with jitter) up to
    /// <see cref="MaxResubscribeDelay"/>. 500 ms: a dropped stream is back within a second.</summary>
    public TimeSpan ResubscribeDelay { get; internal set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between resubscribes: 30 s keeps a long outage from costing more than that once
    /// Momento is back.</summary>
    public TimeSpan MaxResubscribeDelay { get; internal set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per message when the store fails (there is no redelivery in this mode); then it is given up,
    /// logged. Five tries with doubling waits span about 3 s.</summary>
    public int StoreAttempts { get; internal set; } = 5;

    /// <summary>First wait between store tries; doubles with jitter. 200 ms: past a brief hiccup, not past a
    /// reader's patience.</summary>
    public TimeSpan StoreRetryDelay { get; internal set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>One store try's limit (the SDK's calls take no cancellation token, so a hung call is abandoned):
    /// 5 s, far beyond a Momento write's milliseconds.</summary>
    public TimeSpan StoreAttemptTimeout { get; internal set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stored message's once-only claim is kept: longer than any redelivery after a resubscribe
    /// and than the two subscribers can drift apart; an hour is both.</summary>
    public TimeSpan ClaimTtl { get; } = TimeSpan.FromHours(1);

    /// <summary>At shutdown, how long a write already started may still finish. The Functions host gives the worker
    /// 5 s (<c>WorkerTerminateGracePeriodInSeconds</c>), so this stays below it.</summary>
    public TimeSpan ShutdownWriteBudget { get; internal set; } = TimeSpan.FromSeconds(4);

    /// <summary>At shutdown, after the writes, how long giving the lease back may take (a read and a delete, ms
    /// each): 500 ms keeps both budgets inside the host's 5 s. Past it the lease simply expires with its TTL.</summary>
    public TimeSpan ReleaseBudget { get; internal set; } = TimeSpan.FromMilliseconds(500);
}
