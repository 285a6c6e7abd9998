using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Browser.Tests;

/// <summary>A clock running with real time, which a test can push forward (to expire tokens on the server's side).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>
/// The app as the dev server composes it, on real Kestrel at 127.0.0.1, in local mode with its generated signing
/// secret: the stand-in delivers to the webhook over real HTTP, exactly as under <c>dotnet run</c>.
/// </summary>
public sealed class LiveApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private LiveApp(WebApplication app, Uri baseUrl, ShiftedClock clock)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public Uri BaseUrl { get; }

    public ShiftedClock Clock { get; }

    /// <summary>The app's services, for a test that must put into the store what a browser cannot (another writer's
    /// item, a signed-in user's profile).</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<LiveApp> StartAsync()
    {
        // Port 0: the OS picks a free port, and the stand-in's addresses follow the one Kestrel reports.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            // The tests expire tokens by moving the server's clock, so a user's mints come seconds apart in real time;
            // the per-user share counts real time (System.Threading.RateLimiting), so it is off here.
            ["Tokens:UserMintInterval"] = "00:00:00",
        });

        var clock = new ShiftedClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        // Not Azure, whatever the machine's environment says: the tests are about local mode.
        builder.Services.AddSingleton(new AzurePlatform(_ => null));
        builder.Services.AddCourseComments(builder.Configuration);

        var app = builder.Build();
        app.MapCourseComments();
        await app.StartAsync();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new LiveApp(app, baseUrl, clock);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
