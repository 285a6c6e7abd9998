namespace CourseComments.DevServer;

/// <summary>The dev server's own events: where the embedded Momento emulator publishes and delivers.</summary>
internal static partial class DevServerLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "Local Momento: tokens publish to {TopicsBaseUrl}; webhooks are delivered to {WebhookUrl}")]
    public static partial void Addresses(ILogger logger, Uri topicsBaseUrl, Uri webhookUrl);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning,
        Message = "MomentoEmulator:Webhook:Url is {Url}, but nothing answers there; "
            + "this server listens on {Listening}. Remove the setting to use this server's own address")]
    public static partial void PointsNowhere(ILogger logger, Uri url, Uri? listening);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information,
        Message = "Local Momento: tokens publish to {TopicsBaseUrl}; "
            + "webhooks are off (the app subscribes to the topic)")]
    public static partial void AddressesWithoutWebhooks(ILogger logger, Uri topicsBaseUrl);
}
