using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;

namespace CourseComments.Emulator.Tests;

/// <summary>A started emulator on free ports, with Momento.Sdk clients pointed at it through
/// MomentoLocalProvider.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    public const string Cache = "course-comments";
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(5);

    private readonly List<IDisposable> clients = [];

    private EmulatorServer(MomentoEmulatorHost host, FakeTimeProvider? clock)
    {
        Host = host;
        Clock = clock;
    }

    public MomentoEmulatorHost Host { get; }

    /// <summary>The emulator's clock when the test drives time, else null (real time).</summary>
    public FakeTimeProvider? Clock { get; }

    public MomentoLocalProvider Credentials => new(Host.Endpoints.GrpcHost, Host.Endpoints.GrpcPort);

    public HttpClient Http { get; } = new();

    /// <param name="settings">Extra <c>MomentoEmulator:*</c> settings (keys without the section).</param>
    public static async Task<EmulatorServer> StartAsync(
        IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null,
            Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?> { ["GrpcPort"] = "0", ["HttpPort"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(p => $"{EmulatorOptions.Section}:{p.Key}", p => p.Value))
            .Build();
        var host = await MomentoEmulatorHost.StartAsync(configuration, collection =>
        {
            if (clock is not null)
            {
                collection.AddSingleton<TimeProvider>(clock);
            }

            services?.Invoke(collection);
        });
        return new EmulatorServer(host, clock);
    }

    public ICacheClient CacheClient() =>
        Track(new CacheClient(Configurations.Laptop.Latest(NullLoggerFactory.Instance), Credentials, DefaultTtl));

    public ITopicClient TopicClient(ICredentialProvider? credentials = null) =>
        Track(new TopicClient(TopicConfigurations.Laptop.latest(NullLoggerFactory.Instance), credentials
            ?? Credentials));

    public IAuthClient AuthClient() =>
        Track(new AuthClient(AuthConfigurations.Default.Latest(NullLoggerFactory.Instance), Credentials));

    /// <summary>Credentials for a disposable token the emulator minted, over its plaintext gRPC port (the SDK's own
    /// DisposableTokenProvider would aim at Momento's TLS endpoints).</summary>
    public ICredentialProvider TokenCredentials(string apiKey) => new LocalTokenProvider(apiKey,
        Host.Endpoints.GrpcHost, Host.Endpoints.GrpcPort);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Http.Dispose();
        await Host.DisposeAsync();
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        clients.Add(client);
        return client;
    }

    private sealed class LocalTokenProvider(string apiKey, string host, int port) : ICredentialProvider
    {
        public string AuthToken => apiKey;

        public string ControlEndpoint => $"{host}:{port}";

        public string CacheEndpoint => $"{host}:{port}";

        public string TokenEndpoint => $"{host}:{port}";

        public bool SecureEndpoints => false;

        public ICredentialProvider WithCacheEndpoint(string cacheEndpoint) => this;
    }
}
