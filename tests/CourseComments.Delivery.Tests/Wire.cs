using System.Text.Json;
using CourseComments.Delivery;
using CourseComments.Momento;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Platform;
using CourseComments.Secrets;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Momento.Sdk.Auth.AccessControl;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;
using Momento.Sdk.Responses;
using Momento.Sdk;

namespace CourseComments.Delivery.Tests;

/// <summary>A started emulator on free ports, and publishers that reach it as browsers' tokens do.</summary>
internal sealed class Emulator : IAsyncDisposable
{
    public const string Cache = "course-comments";

    private readonly List<IDisposable> clients = [];

    private Emulator(MomentoEmulatorHost host) => Host = host;

    public MomentoEmulatorHost Host { get; }

    public int GrpcPort => Host.Endpoints.GrpcPort;

    public static async Task<Emulator> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["MomentoEmulator:GrpcPort"] = "0", ["MomentoEmulator:HttpPort"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["MomentoEmulator:" + key] = value;
        }

        return new Emulator(await MomentoEmulatorHost.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(values).Build()));
    }

    /// <summary>Publishes as a browser does: with a publish-only disposable token minted for <paramref name="tokenId"/>
    /// (null: with the local super-user credential, which carries no token id).</summary>
    public async Task PublishAsync(string topic, string? tokenId, string text)
    {
        ICredentialProvider credentials = Local;
        if (tokenId is not null)
        {
            var auth = Track(new AuthClient(AuthConfigurations.Default.Latest(NullLoggerFactory.Instance), Local));
            var minted = await auth.GenerateDisposableTokenAsync(
                DisposableTokenScopes.TopicPublishOnly(Cache, topic), ExpiresIn.Minutes(5), tokenId);
            credentials = new TokenCredentials(((GenerateDisposableTokenResponse.Success)minted).AuthToken, Host.Endpoints.GrpcHost, GrpcPort);
        }

        var publisher = Track(new TopicClient(TopicConfigurations.Laptop.latest(NullLoggerFactory.Instance), credentials));
        var response = await publisher.PublishAsync(Cache, topic, text);
        Assert.IsType<TopicPublishResponse.Success>(response);
    }

    public ICacheClient CacheClient() =>
        Track(new CacheClient(Configurations.Laptop.Latest(NullLoggerFactory.Instance), Local, TimeSpan.FromMinutes(5)));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }

    private MomentoLocalProvider Local => new(Host.Endpoints.GrpcHost, GrpcPort);

    private T Track<T>(T client)
        where T : IDisposable
    {
        clients.Add(client);
        return client;
    }

    /// <summary>A disposable token over the emulator's plaintext port (the SDK's own provider aims at TLS endpoints).</summary>
    private sealed class TokenCredentials(string token, string host, int port) : ICredentialProvider
    {
        public string AuthToken => token;

        public string ControlEndpoint => $"{host}:{port}";

        public string CacheEndpoint => $"{host}:{port}";

        public string TokenEndpoint => $"{host}:{port}";

        public bool SecureEndpoints => false;

        public ICredentialProvider WithCacheEndpoint(string cacheEndpoint) => this;
    }
}

/// <summary>
/// One app instance in Subscription mode with the production Momento.Sdk adapters, reaching the emulator through its
/// own <see cref="TcpGate"/>s (one for the cache, one for topics), so a test can cut either. HTTP is in memory.
/// </summary>
internal sealed class WireApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private WireApp(WebApplication app, TcpGate cacheGate, TcpGate topicGate, FakeLogCollector logs)
    {
        this.app = app;
        CacheGate = cacheGate;
        TopicGate = topicGate;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public TcpGate CacheGate { get; }

    public TcpGate TopicGate { get; }

    public FakeLogCollector Logs { get; }

    public HttpClient Client { get; }

    public DeliveryReport Status => app.Services.GetRequiredService<DeliveryStatus>().Report();

    public static async Task<WireApp> StartAsync(Emulator emulator, string topic, IDictionary<string, string?>? settings = null)
    {
        var cacheGate = new TcpGate(emulator.GrpcPort);
        var topicGate = new TcpGate(emulator.GrpcPort);
        var logs = new FakeLogCollector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Momento",
            ["Momento:Delivery"] = "Subscription",
            ["Momento:TopicName"] = topic,
            ["Webhook:SigningSecrets:0"] = "unused-in-subscription-mode",
            ["Delivery:LeaseTtl"] = "00:00:03",
            ["Delivery:ResubscribeDelay"] = "00:00:00.050",
            ["Delivery:MaxResubscribeDelay"] = "00:00:00.500",
            ["Delivery:StoreRetryDelay"] = "00:00:00.010",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddCourseComments(builder.Configuration);
        builder.Services.AddMomentoAdapters();
        builder.Services.AddConfiguredSigningSecrets();
        builder.Services.AddSingleton(new AzurePlatform(_ => null));
        builder.Services.AddSingleton<IMomentoApiKeySource, NoApiKey>();
        // The production adapters and client configurations; only the credentials point at the emulator, through a gate.
        builder.Services.Replace(ServiceDescriptor.Singleton(new MomentoClientFactory(
            _ => new CacheClient(
                Configurations.InRegion.Lambda.Latest(NullLoggerFactory.Instance),
                new MomentoLocalProvider("127.0.0.1", cacheGate.Port),
                TimeSpan.FromHours(1)),
            _ => throw new NotSupportedException("No tokens are minted here."))));
        builder.Services.Replace(ServiceDescriptor.Singleton(provider => new MomentoTopicClients(
            provider.GetRequiredService<IMomentoApiKeySource>(),
            _ => new TopicClient(
                MomentoTopicClients.Configuration(NullLoggerFactory.Instance), new MomentoLocalProvider("127.0.0.1", topicGate.Port)))));

        var app = builder.Build();
        app.MapCourseComments();
        await app.StartAsync();
        return new WireApp(app, cacheGate, topicGate, logs);
    }

    public async Task<IReadOnlyList<JsonElement>> CommentsAsync(string courseId)
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync($"/api/courses/{courseId}/comments"));
        return document.RootElement.GetProperty("comments").EnumerateArray().Select(c => c.Clone()).Reverse().ToArray();
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/api/health"));
        return document.RootElement.GetProperty("delivery").Clone();
    }

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
        await CacheGate.DisposeAsync();
        await TopicGate.DisposeAsync();
    }

    private sealed class NoApiKey : IMomentoApiKeySource
    {
        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult("emulator");
    }
}

internal static class Wait
{
    /// <summary>Waits (up to 20 s) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!await HoldsAsync(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A read that fails (the store reconnecting after a cut) counts as "not yet".</summary>
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, int seconds = 20) =>
        UntilAsync(() => Task.FromResult(condition()), what, seconds);

    public static string Comment(object courseId, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["courseId"] = courseId, ["comment"] = text });
}
