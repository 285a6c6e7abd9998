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

    /// <summary>The item's chain of tries (<see cref="ClaimAttempt"/>): once a push was sent under its claim, that
    /// push may still land, so its claim is kept and a later try that finds it held
    /// (<see cref="IntakeOutcome.InFlight"/>) ends the retries rather than waiting for it; a claim an earlier try
    /// wrote without an answer, with nothing pushed, is taken over by the next try.</summary>
    public static readonly ResiliencePropertyKey<ClaimAttempt> AttemptKey = new("claim-attempt");

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
                    // Held by another subscriber, which will store it or free it; a claim our own try pushed
                    // under stays until its push settles or its TTL ends, so waiting for it is pointless.
                    { Result.Outcome: IntakeOutcome.InFlight } => !PushSent(args.Context),
                    _ => false,
                }),
                MaxRetryAttempts = settings.StoreAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.StoreRetryDelay,
                OnRetry = args =>
                {
                    var (courseId, position) = args.Context.Properties.GetValue(CommentKey, ("?", default));
                    var reason = Reason(args.Outcome.Exception);
                    var attempt = args.AttemptNumber + 1;
                    DeliveryLog.StoreRetrying(logger, courseId, position.ToString(), reason, attempt, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.StoreAttemptTimeout)
            .Build();

    /// <summary>Whether a push was sent under the item's claim (<see cref="AttemptKey"/>).</summary>
    public static bool PushSent(ResilienceContext context) =>
        context.Properties.TryGetValue(AttemptKey, out var attempt) && attempt.PushSent;

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
