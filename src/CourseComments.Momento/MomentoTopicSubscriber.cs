using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Webhooks;
using Microsoft.Extensions.Logging;
using Momento.Sdk;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;

namespace CourseComments.Momento;

/// <summary>
/// <see cref="ITopicSubscriber"/> over Momento.Sdk's <c>TopicClient.SubscribeAsync</c>. The enumerator of
/// <c>WithCancellationForAllEvents</c> is driven by hand: on a stream error it sets <c>Current</c> to a
/// <c>TopicMessage.Error</c> and answers false, which an <c>await foreach</c> would never show.
/// </summary>
public sealed class MomentoTopicSubscriber(MomentoTopicClients clients, ILogger<MomentoTopicSubscriber> logger)
    : ITopicSubscriber
{
    private const string Operation = "Subscribe";

    public async Task<ITopicSubscription> SubscribeAsync(
        string cacheName, string topicName, TopicPosition? resumeAt, CancellationToken cancellationToken)
    {
        ITopicClient client;
        try
        {
            client = await clients.GetAsync(cancellationToken);
        }
        catch (SecretSourceUnavailableException ex)
        {
            MomentoLog.KeyUnavailable(logger, Operation);
            throw new TopicSubscriptionException(
                "KEY_UNAVAILABLE", permanent: false, "The Momento API key is unavailable.", ex);
        }
        catch (SdkException ex)
        {
            throw Failed(ex.ErrorCode, ex);
        }

        var subscribing = client.SubscribeAsync(cacheName, topicName, resumeAt?.Number, resumeAt?.Page);
        TopicSubscribeResponse response;
        try
        {
            response = await subscribing.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The SDK call takes no token: unsubscribe whatever it opens after we stopped waiting.
            _ = subscribing.ContinueWith(
                static done => (done.Result as IDisposable)?.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            throw;
        }

        return response switch
        {
            TopicSubscribeResponse.Subscription subscription => new Subscription(this, subscription, cancellationToken),
            IError error => throw Failed(error.ErrorCode, error.InnerException),
            _ => throw new TopicSubscriptionException(
                "UNEXPECTED", permanent: false, $"Momento {Operation} returned {response.GetType().Name}."),
        };
    }

    private TopicSubscriptionException Failed(MomentoErrorCode code, Exception? inner)
    {
        var failure = MomentoErrorClasses.ToStoreFailure(code);
        MomentoLog.CallFailed(logger, Operation, code, failure.ToString());
        return new TopicSubscriptionException(
            code.ToString(),
            permanent: failure == StoreFailure.Rejected,
            $"Momento {Operation} failed with {code}.",
            inner);
    }

    private sealed class Subscription(
        MomentoTopicSubscriber owner,
        TopicSubscribeResponse.Subscription subscription,
        CancellationToken cancellationToken)
        : ITopicSubscription
    {
        private readonly IAsyncEnumerator<ITopicEvent?> events =
            subscription.WithCancellationForAllEvents(cancellationToken).GetAsyncEnumerator(cancellationToken);

        public async ValueTask<TopicEvent?> ReadAsync()
        {
            bool moved;
            try
            {
                moved = await events.MoveNextAsync();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Momento.Sdk 1.41.1 dereferences a null item when the server ends the stream cleanly.
                throw new TopicSubscriptionException(
                    "STREAM_ENDED", permanent: false, "The subscription stream broke off.", ex);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            return (moved, events.Current) switch
            {
                (_, TopicMessage.Error error) => throw owner.Failed(error.ErrorCode, error.InnerException),
                (false, _) => null,
                (_, TopicMessage.Text text) => new TopicItem(
                    new TopicPosition(text.TopicSequencePage, text.TopicSequenceNumber), text.TokenId, text.Value),
                (_, TopicMessage.Binary binary) => new TopicItem(
                    new TopicPosition(binary.TopicSequencePage, binary.TopicSequenceNumber),
                    binary.TokenId,
                    null,
                    binary.Value),
                (_, TopicSystemEvent.Discontinuity gap) => new TopicDiscontinuity(
                    gap.LastKnownSequenceNumber, new TopicPosition(gap.SequencePage, gap.SequenceNumber)),
                _ => TopicHeartbeat.Instance,
            };
        }

        public void Dispose() => subscription.Dispose();
    }
}
