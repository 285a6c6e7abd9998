using System.Text.Json;
using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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

    /// <param name="configure">Sets fixed values that configuration cannot (a short resume buffer, say).</param>
    public static async Task<Emulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["MomentoEmulator:GrpcPort"] = "0", ["MomentoEmulator:HttpPort"] = "0",
        };
        return new Emulator(await MomentoEmulatorHost.StartAsync(
            new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            services => services.PostConfigure(configure ?? (_ => { }))));
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
            credentials = new TokenCredentials(
                ((GenerateDisposableTokenResponse.Success)minted).AuthToken, Host.Endpoints.GrpcHost, GrpcPort);
        }

        var publisher = Track(
            new TopicClient(TopicConfigurations.Laptop.latest(NullLoggerFactory.Instance), credentials));
        var response = await publisher.PublishAsync(Cache, topic, text);
        Assert.IsType<TopicPublishResponse.Success>(response);
    }

    public ICacheClient CacheClient() =>
        Track(
            new CacheClient(Configurations.Laptop.Latest(NullLoggerFactory.Instance), Local, TimeSpan.FromMinutes(5)));

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

    /// <summary>A disposable token over the emulator's plaintext port (the SDK's own provider aims at TLS
    /// endpoints).</summary>
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
