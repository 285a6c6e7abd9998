namespace CourseComments.Delivery;

/// <summary><c>Momento:Delivery</c>: which channel stores published comments. Exactly one does, so none is stored
/// twice.</summary>
public enum DeliveryMode
{
    /// <summary>A hosted service subscribes to the topic (Momento.Sdk <c>TopicClient</c>); the webhook refuses
    /// deliveries.</summary>
    Subscription,

    /// <summary>Momento POSTs each message to <c>/api/webhook</c>; nothing subscribes.</summary>
    Webhook,
}
