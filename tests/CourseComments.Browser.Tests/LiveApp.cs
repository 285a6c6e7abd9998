using CourseComments.Delivery;
using CourseComments.DevServer;
using CourseComments.Momento;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Browser.Tests;

/// <summary>A clock running with real time, which a test can push forward (to expire tokens on the server's
/// side). Not FakeTimeProvider: that one stands still, and here a real browser, the app's timers and the emulator's
/// deliveries all run in real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(
        ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>
/// The app as the dev server composes it, on real Kestrel at 127.0.0.1 (port 0: the OS picks a free one), in local
/// mode with its generated signing secret, and the Momento emulator beside it (<see cref="EmbeddedEmulator"/>, free
/// ports, the same clock, webhooks to the address Kestrel reports): tokens are minted by the emulator through
/// Momento.Sdk, browsers publish to its Topics HTTP API, and it delivers to the webhook over real HTTP, exactly as
/// under <c>dotnet run</c>.
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

    /// <summary>The app's services, for a test that must put into the store what a browser cannot (another writer's
    /// item, a signed-in user's profile).</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The emulator's services (its settings, say).</summary>
    public IServiceProvider EmulatorServices => emulator.Services;

    /// <param name="delivery">Webhook (the emulator delivers to /api/webhook) or Subscription (the app subscribes to
    /// the emulator's topic; this returns once it is connected, since a topic keeps nothing for later
    /// subscribers).</param>
    public static async Task<LiveApp> StartAsync(DeliveryMode delivery = DeliveryMode.Webhook)
    {
        // Hand-built, not WebApplicationFactory<Program>: the emulator must run on the test's clock (tokens expire on
        // both sides at once), and the dev server's Program starts its emulator on the system clock.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            ["Momento:Delivery"] = delivery.ToString(),
            ["Momento:LocalEndpoint"] = $"127.0.0.1:{FreePort()}",
            ["MomentoEmulator:HttpPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            // The tests expire tokens by moving the server's clock, so a user's mints come seconds apart in real time;
            // the per-user share counts real time (System.Threading.RateLimiting), so it is off here.
            ["Tokens:UserMintInterval"] = "00:00:00",
        });

        builder.Services.AddCourseComments(builder.Configuration);
        builder.Services.AddMomentoAdapters();
        builder.Services.AddConfiguredSigningSecrets();
        var clock = new ShiftedClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        // Not Azure, whatever the machine's environment says: the tests are about local mode.
        var local = new AzurePlatform(_ => null);
        builder.Services.AddSingleton(local);

        var app = builder.Build();
        app.MapCourseComments();
        var emulator = await EmbeddedEmulator.StartAsync(app.Services, app.Configuration, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(local);
        });
        await app.StartAsync();
        EmbeddedEmulator.DeliverToServer(emulator, app.Services);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var live = new LiveApp(app, emulator!, new Uri(addresses.Addresses.Single()), clock);
        if (delivery == DeliveryMode.Subscription)
        {
            // The subscriber connects in the background once the app has started.
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

    /// <summary>A free port for the emulator's gRPC listener, which the app's settings must name before it
    /// starts.</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
