using System.ComponentModel.DataAnnotations;

namespace CourseComments.Delivery;

/// <summary>Tuning of subscription delivery (section <c>Delivery</c>); the mode itself is
/// <c>Momento:Delivery</c>.</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string Section = "Delivery";

    /// <summary>How many instances subscribe at once. Two, so losing one loses nothing (the once-only write keeps one
    /// copy); one halves Momento's per-delivery operations.</summary>
    [Range(1, 2)]
    public int Subscribers { get; set; } = 2;

    /// <summary>A subscriber's lease lives this long unless renewed (every third of it): the longest a dead
    /// holder's slot stays taken.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait before resubscribing after a failure; doubles (with jitter) up to <see
    /// cref="MaxResubscribeDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ResubscribeDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxResubscribeDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per message when the store fails (there is no redelivery in this mode); then it is given up,
    /// logged.</summary>
    [Range(1, 20)]
    public int StoreAttempts { get; set; } = 5;

    /// <summary>First wait between store tries; doubles with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>One store try's limit (the SDK's calls take no cancellation token, so a hung call is
    /// abandoned).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StoreAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stored message's once-only claim is kept: longer than any redelivery after a resubscribe
    /// and than the two subscribers can drift apart.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ClaimTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At shutdown, how long a write already started may still finish. The Functions host gives the worker
    /// 5 s (<c>WorkerTerminateGracePeriodInSeconds</c>), so this stays below it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:04.500")]
    public TimeSpan ShutdownWriteBudget { get; set; } = TimeSpan.FromSeconds(4);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxResubscribeDelay < ResubscribeDelay)
        {
            yield return new ValidationResult(
                "Delivery:MaxResubscribeDelay must not be shorter than Delivery:ResubscribeDelay.",
                [nameof(MaxResubscribeDelay)]);
        }
    }
}
