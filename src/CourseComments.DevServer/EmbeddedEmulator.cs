using CourseComments.Delivery;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.Extensions.Options;

namespace CourseComments.DevServer;

/// <summary>
/// The Momento emulator inside the dev server's process, so local mode stays one command: gRPC where
/// <c>Momento:LocalEndpoint</c> points (127.0.0.1:7072), the Topics HTTP API on <c>MomentoEmulator:HttpPort</c>
/// (7073), and, with <c>Momento:Delivery=Webhook</c>, webhook delivery to this app's <c>/api/webhook</c>, signed with
/// the app's current signing secret.
/// Any other <c>MomentoEmulator:*</c> setting (SnapshotFile, Caches, ...) applies as in the standalone emulator.
/// </summary>
public static class EmbeddedEmulator
{
    /// <returns>The started emulator, or null outside local mode.</returns>
    public static async Task<MomentoEmulatorHost?> StartAsync(
        IServiceProvider app, IConfiguration configuration, Uri webhookUrl,
            Action<IServiceCollection>? configureServices = null)
    {
        var momento = app.GetRequiredService<IOptions<MomentoOptions>>().Value;
        if (momento.Mode != MomentoMode.Local)
        {
            return null;
        }

        var emulatorSettings = new Dictionary<string, string?>
        {
            [$"{EmulatorOptions.Section}:Host"] = momento.LocalHost,
            [$"{EmulatorOptions.Section}:GrpcPort"] = momento.LocalPort.ToString(
                System.Globalization.CultureInfo.InvariantCulture),
            [$"{EmulatorOptions.Section}:Caches:0"] = momento.CacheName,
        };
        if (momento.Delivery == DeliveryMode.Webhook)
        {
            // In Subscription mode the app subscribes and nothing is delivered to the webhook, as with Momento.
            var secrets = await app.GetRequiredService<ISigningSecretSource>().GetAsync(CancellationToken.None);
            emulatorSettings[$"{EmulatorOptions.Section}:Webhook:Url"] = webhookUrl.ToString();
            emulatorSettings[$"{EmulatorOptions.Section}:Webhook:SigningSecret"] = secrets.Current;
        }

        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(emulatorSettings)
            .Build();
        return await MomentoEmulatorHost.StartAsync(settings, configureServices);
    }
}
