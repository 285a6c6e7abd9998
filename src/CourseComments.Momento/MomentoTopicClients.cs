using CourseComments.Platform;
using CourseComments.Secrets;
using Microsoft.Extensions.Logging;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;
using Momento.Sdk.Config.Retry;
using Momento.Sdk.Exceptions;

namespace CourseComments.Momento;

/// <summary>The process's one <see cref="ITopicClient"/>, built from the API key on first use.</summary>
public sealed class MomentoTopicClients(IMomentoApiKeySource apiKey, Func<string, ITopicClient> create) : IDisposable
{
    /// <summary>How long the subscribe handshake (Momento's first heartbeat) may take. The in-region preset allows
    /// 1.1 s; an Azure caller is cross-cloud (Momento runs in AWS regions only).</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    private readonly BuiltOnFirstUse<ITopicClient> client = new(async ct => create(await apiKey.GetAsync(ct)));

    public static ITopicClient Create(string apiKey, ILoggerFactory loggerFactory) =>
        new TopicClient(Configuration(loggerFactory), Credentials(apiKey));

    /// <summary>A client of the Momento emulator at <paramref name="host"/>:<paramref name="port"/> (see
    /// <c>MomentoClientFactory.CreateLocal</c>), with the same configuration as in production.</summary>
    public static ITopicClient CreateLocal(ILoggerFactory loggerFactory, string host, int port) =>
        new TopicClient(Configuration(loggerFactory), new MomentoLocalProvider(host, port));

    /// <summary>The topic configuration, with the SDK's own resubscribe switched off.
    /// <c>WithSubscriptionRetryStrategy</c> goes last, because <c>WithClientTimeout</c> builds a configuration without
    /// it (Momento.Sdk 1.41.1,
    /// <c>Config/TopicConfiguration.cs</c>).</summary>
    public static ITopicConfiguration Configuration(ILoggerFactory loggerFactory) =>
        TopicConfigurations.InRegion.Default.Latest(loggerFactory)
            .WithClientTimeout(ClientTimeout)
            .WithSubscriptionRetryStrategy(new NoResubscribe(loggerFactory));

    /// <exception cref="SecretSourceUnavailableException">The API key cannot be read.</exception>
    /// <exception cref="SdkException">The SDK refused the key.</exception>
    public ValueTask<ITopicClient> GetAsync(CancellationToken cancellationToken) => client.GetAsync(cancellationToken);

    public void Dispose() => client.Dispose();

    // The same legacy-key provider as the cache and auth clients (see MomentoClientFactory).
#pragma warning disable CS0618
    private static StringMomentoTokenProvider Credentials(string apiKey) => new(apiKey);
#pragma warning restore CS0618

    /// <summary>Every stream error ends the SDK's enumerator with <c>TopicMessage.Error</c>; the relay
    /// resubscribes.</summary>
    private sealed class NoResubscribe(ILoggerFactory loggerFactory) : ISubscriptionRetryStrategy
    {
        public ISubscriptionRetryEligibilityStrategy SubscriptionRetryEligibilityStrategy { get; } =
            new DefaultSubscriptionRetryEligibilityStrategy(loggerFactory.CreateLogger<NoResubscribe>());

        public TimeSpan RetryDelayInterval => TimeSpan.Zero;

        public int? DetermineWhenToResubscribe(SdkException exception) => null;
    }
}
