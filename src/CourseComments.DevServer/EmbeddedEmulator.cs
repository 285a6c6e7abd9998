using System.Globalization;
using CourseComments.Delivery;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.MomentoEmulator.Topics;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CourseComments.DevServer;

/// <summary>
/// The Momento emulator inside the dev server's process, so local mode stays one command: gRPC where
/// <c>Momento:LocalEndpoint</c> points (127.0.0.1:7072), the Topics HTTP API on <c>MomentoEmulator:HttpPort</c>
/// (7073), and, with <c>Momento:Delivery=Webhook</c>, webhook delivery signed with the app's current signing secret
/// to <c>MomentoEmulator:Webhook:Url</c>, or, unset, to this server's own <c>/api/webhook</c> at the address it
/// listens on (so <c>--urls</c> or port 0 just work). In <c>Subscription</c> mode the app subscribes and nothing is
/// delivered to the webhook, as with Momento. It starts before the app listens, so no request finds it missing. Any
/// other <c>MomentoEmulator:*</c> setting (SnapshotFile, Caches, ...) applies as in the standalone emulator.
/// </summary>
public static class EmbeddedEmulator
{
    /// <summary>Starts the emulator for a built app that has not started listening yet, so its first request finds
    /// the emulator up; call <see cref="DeliverToServer"/> once the app listens.</summary>
    /// <param name="app">The built app's services.</param>
    /// <param name="configuration">The app's configuration (its <c>MomentoEmulator</c> section and logging).</param>
    /// <param name="configureServices">Replaces emulator services (a test's clock).</param>
    /// <returns>The started emulator, or null outside local mode.</returns>
    public static async Task<MomentoEmulatorHost?> StartAsync(
        IServiceProvider app, IConfiguration configuration, Action<IServiceCollection>? configureServices = null)
    {
        var momento = app.GetRequiredService<IOptions<MomentoOptions>>().Value;
        if (momento.Mode != MomentoMode.Local)
        {
            return null;
        }

        var emulatorSettings = new Dictionary<string, string?>
        {
            [$"{EmulatorOptions.Section}:Host"] = momento.LocalHost,
            [$"{EmulatorOptions.Section}:GrpcPort"] = momento.LocalPort.ToString(CultureInfo.InvariantCulture),
            [$"{EmulatorOptions.Section}:Caches:0"] = momento.CacheName,
        };
        if (momento.Delivery == DeliveryMode.Webhook)
        {
            // Webhooks are on when the emulator has a signing secret (its URL follows in DeliverToServer).
            var secrets = await app.GetRequiredService<ISigningSecretSource>().GetAsync(CancellationToken.None);
            emulatorSettings[$"{EmulatorOptions.Section}:Webhook:SigningSecret"] = secrets.Current;
        }

        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(emulatorSettings)
            .Build();
        return await MomentoEmulatorHost.StartAsync(settings, configureServices);
    }

    /// <summary>Points the emulator's webhooks at the started app's own <c>/api/webhook</c>, at the address its
    /// server listens on, unless <c>MomentoEmulator:Webhook:Url</c> is set (then that one, reported when nothing
    /// answers there); logs where tokens publish and webhooks go. Does nothing to webhooks while they are off
    /// (<c>Momento:Delivery=Subscription</c>).</summary>
    /// <exception cref="InvalidOperationException">No webhook URL is set and the server reports no address.</exception>
    public static void DeliverToServer(MomentoEmulatorHost? emulator, IServiceProvider app)
    {
        if (emulator is null)
        {
            return;
        }

        var target = emulator.Services.GetRequiredService<WebhookTarget>();
        var logger = app.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmbeddedEmulator));
        if (!target.IsEnabled)
        {
            DevServerLog.AddressesWithoutWebhooks(logger, emulator.Endpoints.HttpBaseUrl);
            return;
        }

        var listening = ListeningAddress.Origin(app.GetService<IServer>());
        if (target.Url is { } configured)
        {
            _ = WarnIfNowhereAsync(logger, configured, listening);
        }
        else
        {
            target.Set(new Uri(listening ?? throw new InvalidOperationException(
                "MomentoEmulator:Webhook:Url is not set and the server reports no address."), "/api/webhook"));
        }

        DevServerLog.Addresses(logger, emulator.Endpoints.HttpBaseUrl, target.Url!);
    }

    /// <summary>Warns when a configured webhook URL answers nowhere (any HTTP answer counts; only a refused or
    /// timed-out connection does not), naming the setting and this server's own address. Looks a few times first,
    /// since another host may start listening a little later.</summary>
    private static async Task WarnIfNowhereAsync(ILogger logger, Uri url, Uri? listening)
    {
        if (await WebhookUrlCheck.AnswersAsync(url))
        {
            return;
        }

        DevServerLog.PointsNowhere(logger, url, listening);
    }
}
