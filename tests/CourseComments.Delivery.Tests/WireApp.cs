extern alias DevServer;

using System.Text.Json;
using CourseComments.Delivery;
using CourseComments.Momento;
using CourseComments.Platform;
using CourseComments.Secrets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;

namespace CourseComments.Delivery.Tests;

using DevServerProgram = DevServer::Program;

/// <summary>
/// One instance of the dev server (its <see cref="DevServerProgram"/>, through
/// <see cref="WebApplicationFactory{TEntryPoint}"/>, HTTP in memory) in Momento mode with Subscription delivery and the
/// production Momento.Sdk adapters, reaching the emulator through its own <see cref="TcpGate"/>s (one for the cache,
/// one for topics), so a test can cut either.
/// </summary>
internal sealed class WireApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<DevServerProgram> factory;

    private WireApp(
        WebApplicationFactory<DevServerProgram> factory, TcpGate cacheGate, TcpGate topicGate, FakeLogCollector logs)
    {
        this.factory = factory;
        CacheGate = cacheGate;
        TopicGate = topicGate;
        Logs = logs;
        Client = factory.CreateClient();
    }

    public TcpGate CacheGate { get; }

    public TcpGate TopicGate { get; }

    public FakeLogCollector Logs { get; }

    public HttpClient Client { get; }

    public DeliveryReport Status => factory.Services.GetRequiredService<DeliveryStatus>().Report();

    /// <param name="configure">Changes the short lease and waits set here further (they are fixed values, which
    /// configuration cannot set).</param>
    public static Task<WireApp> StartAsync(
        Emulator emulator, string topic, Action<DeliveryOptions>? configure = null)
    {
        var cacheGate = new TcpGate(emulator.GrpcPort);
        var topicGate = new TcpGate(emulator.GrpcPort);
        var logs = new FakeLogCollector();
        var values = new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Momento",
            ["Momento:Delivery"] = "Subscription",
            ["Momento:TopicName"] = topic,
            ["Webhook:SigningSecrets:0"] = "unused-in-subscription-mode",
        };

        var factory = new WebApplicationFactory<DevServerProgram>().WithWebHostBuilder(web =>
        {
            // The dev server's own content root (its build output, here the tests'), which the factory must not move.
            web.UseContentRoot(AppContext.BaseDirectory);
            // As under `dotnet run` (the dev server has no launch profile), not the factory's Development.
            web.UseEnvironment(Environments.Production);
            // Host settings: the factory hands them to Program as arguments, so they are read before Build.
            foreach (var (key, value) in values)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs)));
            web.ConfigureTestServices(services =>
            {
                services.PostConfigure<DeliveryOptions>(options =>
                {
                    options.LeaseTtl = TimeSpan.FromSeconds(3);
                    options.ResubscribeDelay = TimeSpan.FromMilliseconds(50);
                    options.MaxResubscribeDelay = TimeSpan.FromMilliseconds(500);
                    options.StoreRetryDelay = TimeSpan.FromMilliseconds(10);
                    configure?.Invoke(options);
                });
                services.AddSingleton(new AzurePlatform(_ => null));
                // What the Functions app reads from Key Vault; the emulator takes any key.
                services.AddSingleton<IMomentoApiKeySource, NoApiKey>();
                // The production adapters and client configurations; only the credentials point at the emulator,
                // through a gate.
                services.Replace(ServiceDescriptor.Singleton(new MomentoClientFactory(
                    _ => new CacheClient(
                        Configurations.InRegion.Lambda.Latest(NullLoggerFactory.Instance),
                        new MomentoLocalProvider("127.0.0.1", cacheGate.Port),
                        TimeSpan.FromHours(1)),
                    _ => throw new NotSupportedException("No tokens are minted here."))));
                services.Replace(ServiceDescriptor.Singleton(provider => new MomentoTopicClients(
                    provider.GetRequiredService<IMomentoApiKeySource>(),
                    _ => new TopicClient(
                        MomentoTopicClients.Configuration(NullLoggerFactory.Instance),
                        new MomentoLocalProvider("127.0.0.1", topicGate.Port)))));
            });
        });
        try
        {
            factory.StartServer();
            return Task.FromResult(new WireApp(factory, cacheGate, topicGate, logs));
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<JsonElement>> CommentsAsync(string courseId)
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync($"/api/courses/{courseId}/comments"));
        return document.RootElement.GetProperty("comments").EnumerateArray()
            .Select(c => c.Clone()).Reverse().ToArray();
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/api/health"));
        return document.RootElement.GetProperty("delivery").Clone();
    }

    /// <summary>Stops the app as a platform shutdown does: the dev server's Program stops its host (hosted services'
    /// StopAsync) once the application is told to stop; this returns when it has.</summary>
    public async Task StopAsync()
    {
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        await CacheGate.DisposeAsync();
        await TopicGate.DisposeAsync();
    }

    private sealed class NoApiKey : IMomentoApiKeySource
    {
        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult("emulator");
    }
}
