using System.Net;
using System.Net.Sockets;
using CourseComments.Delivery;
using CourseComments.DevServer;
using CourseComments.Momento;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Browser.Tests;

/// <summary>A clock running with real time, which a test can push forward (to expire tokens on the server's
/// side).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(
        ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>
/// The app as the dev server composes it, on real Kestrel at 127.0.0.1, in local mode with its generated signing
/// secret, and the Momento emulator beside it (<see cref="EmbeddedEmulator"/>, free ports, the same clock): tokens are
/// minted by the emulator through Momento.Sdk, browsers publish to its Topics HTTP API, and it delivers to the webhook
/// over real HTTP, exactly as under <c>dotnet run</c>.
/// </summary>
public sealed class LiveApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly MomentoEmulatorHost emulator;

    private LiveApp(WebApplication app, MomentoEmulatorHost emulator, Uri baseUrl, ShiftedClock clock)
    {
        this.app = app;
        this.emulator = emulator;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public Uri BaseUrl { get; }

    /// <summary>Where browsers publish: the emulator's Topics HTTP API.</summary>
    public Uri TopicsBaseUrl => emulator.Endpoints.HttpBaseUrl;

    public ShiftedClock Clock { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The emulator's services (its settings, say).</summary>
    public IServiceProvider EmulatorServices => emulator.Services;

    /// <param name="delivery">Webhook (the emulator delivers to /api/webhook) or Subscription (the app subscribes to
    /// the emulator's topic; this returns once it is connected, since a topic keeps nothing for later subscribers).</param>
    public static async Task<LiveApp> StartAsync(DeliveryMode delivery = DeliveryMode.Webhook)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl.ToString());
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            ["Momento:Delivery"] = delivery.ToString(),
            ["Momento:LocalEndpoint"] = $"127.0.0.1:{FreePort()}",
            ["MomentoEmulator:HttpPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        var clock = new ShiftedClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        // Not Azure, whatever the machine's environment says: the tests are about local mode.
        var local = new AzurePlatform(_ => null);
        builder.Services.AddSingleton(local);
        builder.Services.AddMomentoAdapters(builder.Configuration);
        builder.Services.AddCourseComments(builder.Configuration);

        var app = builder.Build();
        app.MapCourseComments();
        await app.StartAsync();
        var emulator = await EmbeddedEmulator.StartAsync(
            app.Services, app.Configuration, new Uri(baseUrl, "/api/webhook"), services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(local);
            });
        var live = new LiveApp(app, emulator!, baseUrl, clock);
        if (delivery == DeliveryMode.Subscription)
        {
            // The app started before the emulator, so its first lease and subscribe attempts failed and back off.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!app.Services.GetRequiredService<DeliveryStatus>().Report().Connected)
            {
                Assert.True(DateTime.UtcNow < deadline, "The app's topic subscriber did not connect within 30 s.");
                await Task.Delay(100);
            }
        }

        return live;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await emulator.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
