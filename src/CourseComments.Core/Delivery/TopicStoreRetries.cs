using CourseComments.Comments;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CourseComments.Delivery;

/// <summary>
/// How <see cref="TopicItemWriter"/> tries a write again (Polly): there is no redelivery in subscription mode, so a
/// failed or timed-out write is tried up to <see cref="DeliveryOptions.StoreAttempts"/> times, each try limited to
/// <see cref="DeliveryOptions.StoreAttemptTimeout"/>, with exponential backoff and jitter between them.
/// </summary>
internal static class TopicStoreRetries
{
    /// <summary>The comment a try is for, named in the retry log.</summary>
    public static readonly ResiliencePropertyKey<(string CourseId, TopicPosition Position)> CommentKey =
        new("comment");

    /// <summary>Set when a try timed out (here, or at the SDK's deadline): its write may still land, so its claim is
    /// kept and later tries find it held (<see cref="IntakeOutcome.InFlight"/>) rather than writing a second
    /// copy.</summary>
    public static readonly ResiliencePropertyKey<bool> TimedOutKey = new("timed-out");

    /// <summary>The pipeline for one relay run.</summary>
    /// <param name="subscribing">Once cancelled (lease lost, shutdown), no new try starts.</param>
    public static ResiliencePipeline<IntakeResult> Build(
        DeliveryOptions settings, TimeProvider time, ILogger logger, CancellationToken subscribing) =>
        new ResiliencePipelineBuilder<IntakeResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<IntakeResult>
            {
                // No new attempt once shutdown began: the budget is for the write already running.
                ShouldHandle = args => ValueTask.FromResult(!subscribing.IsCancellationRequested && args.Outcome switch
                {
                    { Exception: CommentStoreException { Failure: not StoreFailure.Rejected } } => true,
                    { Exception: TimeoutRejectedException } => true,
                    // Held by another subscriber, which will store it or free it; a claim our own timed-out try
                    // kept stays until its push settles or its TTL ends, so waiting for it is pointless.
                    { Result.Outcome: IntakeOutcome.InFlight } => !args.Context.Properties.GetValue(TimedOutKey, false),
                    _ => false,
                }),
                MaxRetryAttempts = settings.StoreAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.StoreRetryDelay,
                OnRetry = args =>
                {
                    var (courseId, position) = args.Context.Properties.GetValue(CommentKey, ("?", default));
                    if (args.Outcome.Exception
                        is TimeoutRejectedException or CommentStoreException { OutcomeUnknown: true })
                    {
                        args.Context.Properties.Set(TimedOutKey, true);
                    }

                    var reason = Reason(args.Outcome.Exception);
                    var attempt = args.AttemptNumber + 1;
                    DeliveryLog.StoreRetrying(logger, courseId, position.ToString(), reason, attempt, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.StoreAttemptTimeout)
            .Build();

    /// <summary>A failure's reason code for the log.</summary>
    public static string Reason(Exception? ex) => ex switch
    {
        CommentStoreException failed => $"store-{failed.Failure}",
        TimeoutRejectedException => "timeout",
        OperationCanceledException => "shutdown",
        null => "in-flight",
        _ => ex.GetType().Name,
    };
}
