using System.Text;
using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CourseComments.Delivery;

/// <summary>
/// Relays the comment topic into the store through <see cref="CommentIntake"/>, for as long as it runs. Momento.Sdk's
/// own resubscribe is off (it can end silently, and it resumes at the last number seen, re-delivering it), so this
/// resubscribes itself from its own last position, with exponential backoff that starts over after a healthy session.
/// It skips re-delivered positions, logs and counts gaps, retries failed writes a bounded number of times and logs
/// each message it gives up on. Message text is never logged.
/// </summary>
public sealed partial class TopicRelay(
    ITopicSubscriber subscriber,
    CommentIntake intake,
    DeliveryStatus status,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    IOptions<MomentoOptions> momento,
    ILogger<TopicRelay> logger)
{
    private static readonly ResiliencePropertyKey<(string CourseId, TopicPosition Position)> CommentKey =
        new("comment");

    /// <summary>Set when a try timed out: its write may still land, so its claim stays "pending" and later tries
    /// find it held (<see cref="IntakeOutcome.InFlight"/>) rather than writing a second copy.</summary>
    private static readonly ResiliencePropertyKey<bool> TimedOutKey = new("timed-out");

    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly DeliveryOptions settings = options.Value;
    private readonly string cacheName = momento.Value.CacheName;
    private readonly string topicName = momento.Value.TopicName;

    /// <summary>The position after the last one handled (stored, refused or given up), or after a reported gap:
    /// where a resubscribe resumes. Null until the first item, when a subscription starts at the newest
    /// messages.</summary>
    public TopicPosition? Next { get; private set; }

    /// <summary>Subscribes and relays until <paramref name="subscribing"/> is cancelled; never throws
    /// otherwise.</summary>
    /// <param name="subscribing">Ends reading and resubscribing (lease lost, shutdown).</param>
    /// <param name="writes">Ends a write already started; cancelled only when the shutdown budget is spent.</param>
    public async Task RunAsync(CancellationToken subscribing, CancellationToken writes)
    {
        var resubscribe = ResubscribePipeline(subscribing);
        var store = StorePipeline(subscribing);
        while (!subscribing.IsCancellationRequested)
        {
            try
            {
                await resubscribe.ExecuteAsync(ct => new ValueTask(SessionAsync(store, ct, writes)), subscribing);
            }
            catch (OperationCanceledException) when (subscribing.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One subscription. Returns normally only after a healthy session (which resets the backoff);
    /// throws when the session failed or ended early, so the retry waits before the next one.</summary>
    private async Task SessionAsync(
        ResiliencePipeline<IntakeResult> store, CancellationToken subscribing, CancellationToken writes)
    {
        var resumeAt = Next;
        using var subscription = await subscriber.SubscribeAsync(cacheName, topicName, resumeAt, subscribing);
        var connectedAt = time.GetTimestamp();
        status.Connected(true);
        Subscribed(logger, topicName, resumeAt?.ToString() ?? "newest");
        try
        {
            while (await subscription.ReadAsync() is { } next)
            {
                switch (next)
                {
                    case TopicItem item:
                        await RelayAsync(item, store, writes);
                        break;
                    case TopicDiscontinuity gap:
                        Gap(gap.LastKnownNumber, gap.Next);
                        break;
                }
            }

            subscribing.ThrowIfCancellationRequested();
            if (time.GetElapsedTime(connectedAt) < settings.MaxResubscribeDelay)
            {
                throw new TopicSubscriptionException("STREAM_ENDED", permanent: false, "The subscription ended early.");
            }

            Ended(logger, topicName, "STREAM_ENDED");
        }
        catch (TopicSubscriptionException ex) when (time.GetElapsedTime(connectedAt) >= settings.MaxResubscribeDelay)
        {
            Ended(logger, topicName, ex.Code);
        }
        finally
        {
            status.Connected(false);
        }
    }

    private async Task RelayAsync(TopicItem item, ResiliencePipeline<IntakeResult> store, CancellationToken writes)
    {
        status.Received();
        var position = item.Position;
        if (Next is { } expected)
        {
            if (position.Page < expected.Page || (position.Page == expected.Page && position.Number < expected.Number))
            {
                status.Duplicate();
                Redelivered(logger, position.ToString());
                return;
            }

            if (position.Page == expected.Page && position.Number > expected.Number && expected.Number > 0)
            {
                // A gap Momento did not report: it says the absence of a discontinuity proves nothing.
                Gap(expected.Number - 1, position);
            }
        }

        Next = position with { Number = position.Number + 1 };
        if (TextOf(item) is not { } text)
        {
            Refused(logger, position.ToString(), "not-text");
            status.Refused();
            return;
        }

        var incoming = new IncomingComment(item.TokenId, text, OnceKey(position), time.GetUtcNow());
        if (!intake.TryCheck(incoming, out var comment, out var refusal))
        {
            Refused(logger, position.ToString(), refusal.Reason!);
            status.Refused();
            return;
        }

        var context = ResilienceContextPool.Shared.Get(writes);
        context.Properties.Set(CommentKey, (comment.CourseId!, position));
        try
        {
            var result = await store.ExecuteAsync(
                static async (context, state) => await state.intake.StoreAsync(
                    state.OnceKey, state.comment, state.ClaimTtl, context.CancellationToken),
                context,
                (intake, incoming.OnceKey, comment, settings.ClaimTtl));
            if (result.Outcome == IntakeOutcome.Refused)
            {
                // Rate limited: the author's count is kept alongside the claim, so this refusal comes from the store.
                Refused(logger, position.ToString(), result.Reason!);
                status.Refused();
            }
            else if (result.Outcome == IntakeOutcome.InFlight && context.Properties.GetValue(TimedOutKey, false))
            {
                OutcomeUnknown(logger, comment.CourseId!, position.ToString());
                status.Failed();
            }
            else if (result.Outcome == IntakeOutcome.InFlight)
            {
                LeftInFlight(logger, comment.CourseId!, position.ToString());
            }
        }
        catch (Exception ex)
            when (ex is CommentStoreException or TimeoutRejectedException or OperationCanceledException)
        {
            GaveUp(logger, comment.CourseId!, position.ToString(), Reason(ex), ex);
            status.Failed();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string Reason(Exception? ex) => ex switch
    {
        CommentStoreException failed => $"store-{failed.Failure}",
        TimeoutRejectedException => "timeout",
        OperationCanceledException => "shutdown",
        null => "in-flight",
        _ => ex.GetType().Name,
    };

    private void Gap(ulong lastKnownNumber, TopicPosition next)
    {
        status.Discontinuity();
        var lost = Next is { } current && current.Page != next.Page
            ? $"after {lastKnownNumber} on page {current.Page} (topic reset)"
            : next.Number > lastKnownNumber + 1 ? $"{lastKnownNumber + 1}-{next.Number - 1}" : "none";
        Discontinuity(logger, topicName, lost, lastKnownNumber, next.ToString());
        if (Next is not { } expected
            || next.Page > expected.Page
            || (next.Page == expected.Page && next.Number > expected.Number))
        {
            Next = next;
        }
    }

    private string OnceKey(TopicPosition position) =>
        $"topic-item:{cacheName}:{topicName}:{position.Page}:{position.Number}";

    private static string? TextOf(TopicItem item)
    {
        if (item.Text is not null)
        {
            return item.Text;
        }

        try
        {
            return item.Binary is null ? null : StrictUtf8.GetString(item.Binary);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private ResiliencePipeline ResubscribePipeline(CancellationToken subscribing) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !subscribing.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.ResubscribeDelay,
                MaxDelay = settings.MaxResubscribeDelay,
                OnRetry = args =>
                {
                    var ex = args.Outcome.Exception!;
                    var code = ex is TopicSubscriptionException topic ? topic.Code : ex.GetType().Name;
                    var attempt = args.AttemptNumber + 1;
                    if (ex is TopicSubscriptionException { Permanent: true })
                    {
                        ResubscribingAfterRefusal(logger, topicName, code, attempt, args.RetryDelay);
                    }
                    else
                    {
                        Resubscribing(logger, topicName, code, attempt, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private ResiliencePipeline<IntakeResult> StorePipeline(CancellationToken subscribing) =>
        new ResiliencePipelineBuilder<IntakeResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<IntakeResult>
            {
                // No new attempt once shutdown began: the budget is for the write already running.
                ShouldHandle = args => ValueTask.FromResult(!subscribing.IsCancellationRequested && args.Outcome switch
                {
                    { Exception: CommentStoreException { Failure: not StoreFailure.Rejected } } => true,
                    { Exception: TimeoutRejectedException } => true,
                    // Held by another subscriber, which will store it or free it; a claim our own timed-out try
                    // left "pending" stays until its TTL, so waiting for it is pointless.
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
                    if (args.Outcome.Exception is TimeoutRejectedException)
                    {
                        args.Context.Properties.Set(TimedOutKey, true);
                    }

                    var reason = Reason(args.Outcome.Exception);
                    StoreRetrying(logger, courseId, position.ToString(), reason, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.StoreAttemptTimeout)
            .Build();

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Subscribed to topic {Topic} from {ResumeAt}")]
    private static partial void Subscribed(ILogger logger, string topic, string resumeAt);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "The subscription to topic {Topic} ended ({Code}) after a healthy session; resubscribing")]
    private static partial void Ended(ILogger logger, string topic, string code);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Subscription to topic {Topic} failed ({Code}); attempt {Attempt} in {Delay}")]
    private static partial void Resubscribing(ILogger logger, string topic, string code, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error,
        Message = "Subscription to topic {Topic} refused ({Code}): check the API key, cache and topic; attempt {Attempt} in {Delay}")]
    private static partial void ResubscribingAfterRefusal(
        ILogger logger, string topic, string code, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Discontinuity on topic {Topic}: messages {Lost} lost to this subscriber (last known {LastKnown}, next {Next})")]
    private static partial void Discontinuity(ILogger logger, string topic, string lost, ulong lastKnown, string next);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Skipped re-delivered topic item {Position}")]
    private static partial void Redelivered(ILogger logger, string position);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning,
        Message = "Refused topic item {Position} (reason {Reason})")]
    private static partial void Refused(ILogger logger, string position, string reason);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Error,
        Message = "Gave up storing the comment for course {CourseId}, topic item {Position} ({Reason}); it is not stored")]
    private static partial void GaveUp(
        ILogger logger, string courseId, string position, string reason, Exception exception);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning,
        Message = "Storing the comment for course {CourseId}, topic item {Position}, failed ({Reason}); try {Attempt} follows in {Delay}")]
    private static partial void StoreRetrying(
        ILogger logger, string courseId, string position, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning,
        Message = "The comment for course {CourseId}, topic item {Position}, is still being stored by another subscriber; left to it")]
    private static partial void LeftInFlight(ILogger logger, string courseId, string position);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Error,
        Message = "Gave up on the comment for course {CourseId}, topic item {Position}: a try timed out and may still "
            + "land, so it is not written again (never stored twice); it may not be stored")]
    private static partial void OutcomeUnknown(ILogger logger, string courseId, string position);
}
