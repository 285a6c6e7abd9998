using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CourseComments.Delivery;

/// <summary>
/// Relays the comment topic into the store, for as long as it runs. Momento.Sdk's own resubscribe is off (it can end
/// silently, and it resumes at the last number seen, re-delivering it), so this resubscribes itself from its own last
/// position (<see cref="TopicResumePoint"/>, which also skips re-delivered items and counts gaps), with exponential
/// backoff that starts over after a healthy session. Each item is stored by <see cref="TopicItemWriter"/>. Message
/// text is never logged.
/// </summary>
public sealed class TopicRelay
{
    private readonly ITopicSubscriber subscriber;
    private readonly DeliveryStatus status;
    private readonly TimeProvider time;
    private readonly DeliveryOptions settings;
    private readonly ILogger logger;
    private readonly string cacheName;
    private readonly string topicName;
    private readonly TopicResumePoint resumePoint;
    private readonly TopicItemWriter writer;

    public TopicRelay(
        ITopicSubscriber subscriber,
        CommentIntake intake,
        DeliveryStatus status,
        TimeProvider time,
        IOptions<DeliveryOptions> options,
        IOptions<MomentoOptions> momento,
        ILogger<TopicRelay> logger)
    {
        (this.subscriber, this.status, this.time, this.logger) = (subscriber, status, time, logger);
        settings = options.Value;
        (cacheName, topicName) = (momento.Value.CacheName, momento.Value.TopicName);
        resumePoint = new TopicResumePoint(status, topicName, logger);
        writer = new TopicItemWriter(
            intake, status, time, settings.ClaimTtl, $"topic-item:{cacheName}:{topicName}:", logger);
    }

    /// <summary>Subscribes and relays until <paramref name="subscribing"/> is cancelled; never throws
    /// otherwise.</summary>
    /// <param name="subscribing">Ends reading and resubscribing (lease lost, shutdown).</param>
    /// <param name="writes">Ends a write already started; cancelled only when the shutdown budget is spent.</param>
    public async Task RunAsync(CancellationToken subscribing, CancellationToken writes)
    {
        var resubscribe = ResubscribePipeline(subscribing);
        var store = TopicStoreRetries.Build(settings, time, logger, subscribing);
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
        var resumeAt = resumePoint.Next;
        using var subscription = await subscriber.SubscribeAsync(cacheName, topicName, resumeAt, subscribing);
        var connectedAt = time.GetTimestamp();
        status.Connected(true);
        DeliveryLog.Subscribed(logger, topicName, resumeAt?.ToString() ?? "newest");
        try
        {
            while (await subscription.ReadAsync() is { } next)
            {
                switch (next)
                {
                    case TopicItem item:
                        status.Received();
                        if (resumePoint.TryAdvancePast(item.Position))
                        {
                            await writer.WriteAsync(item, store, writes);
                        }

                        break;
                    case TopicDiscontinuity gap:
                        resumePoint.Gap(gap.LastKnownNumber, gap.Next);
                        break;
                }
            }

            subscribing.ThrowIfCancellationRequested();
            if (time.GetElapsedTime(connectedAt) < settings.MaxResubscribeDelay)
            {
                throw new TopicSubscriptionException("STREAM_ENDED", permanent: false, "The subscription ended early.");
            }

            DeliveryLog.Ended(logger, topicName, "STREAM_ENDED");
        }
        catch (TopicSubscriptionException ex) when (time.GetElapsedTime(connectedAt) >= settings.MaxResubscribeDelay)
        {
            DeliveryLog.Ended(logger, topicName, ex.Code);
        }
        finally
        {
            status.Connected(false);
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
                        DeliveryLog.ResubscribingAfterRefusal(logger, topicName, code, attempt, args.RetryDelay);
                    }
                    else
                    {
                        DeliveryLog.Resubscribing(logger, topicName, code, attempt, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
