using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Hosting;

/// <summary>
/// The emulator on a Kestrel of its own: Momento's gRPC protocol on plaintext HTTP/2 (<see
/// cref="EmulatorOptions.GrpcPort"/>)
/// and the Topics HTTP API on HTTP/1.1 (<see cref="EmulatorOptions.HttpPort"/>). Used by the standalone program, by the
/// dev server (app and emulator in one process) and by tests (ports 0).
/// </summary>
public sealed partial class MomentoEmulatorHost : IAsyncDisposable, IDisposable
{
    private readonly WebApplication app;

    private MomentoEmulatorHost(WebApplication app)
    {
        this.app = app;
        Endpoints = app.Services.GetRequiredService<EmulatorEndpoints>();
    }

    /// <summary>Where it listens.</summary>
    public EmulatorEndpoints Endpoints { get; }

    /// <summary>The emulator's services (its stores, its clock), for hosts and tests.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>Builds the emulator from <paramref name="configuration"/> (section <c>MomentoEmulator</c>) and starts
    /// it.</summary>
    /// <param name="configureServices">Replaces services after the emulator's own (a test's clock, say).</param>
    /// <exception cref="OptionsValidationException">A setting is invalid, or the process runs in Azure.</exception>
    public static async Task<MomentoEmulatorHost> StartAsync(
        IConfiguration configuration, Action<IServiceCollection>? configureServices = null,
            CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(MomentoEmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // A host's appsettings.json in the same folder must not hand its Urls to the emulator's Kestrel.
            Args = ["--urls="],
        });
        // Only the given settings (no appsettings.json or environment of its own), and of those only the emulator's
        // section and logging: a host's Urls or Kestrel settings are not the emulator's.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(configuration.AsEnumerable()
            .Where(setting => setting.Key.StartsWith(EmulatorOptions.Section, StringComparison.OrdinalIgnoreCase)
                || setting.Key.StartsWith("Logging", StringComparison.OrdinalIgnoreCase)));
        // Its own line says where it listens; Kestrel's "Now listening on" stays the host app's (tools look for it).
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddMomentoEmulator(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var settings = builder.Configuration.GetSection(EmulatorOptions.Section).Get<EmulatorOptions>()
            ?? new EmulatorOptions();
        ListenOptions? grpc = null;
        ListenOptions? http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = Address(settings.Host);
            kestrel.Listen(address, settings.GrpcPort, listen => (grpc = listen).Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, settings.HttpPort, listen => (http = listen).Protocols = HttpProtocols.Http1);
        });

        var app = builder.Build();
        app.MapMomentoEmulator();
        await app.StartAsync(cancellationToken);

        var endpoints = app.Services.GetRequiredService<EmulatorEndpoints>();
        var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        endpoints.ConfiguredTokenEndpoint = options.TokenEndpoint;
        endpoints.Bound(settings.Host, grpc!.IPEndPoint!.Port, http!.IPEndPoint!.Port);
        Listening(app.Logger, settings.Host, endpoints.GrpcPort, endpoints.HttpBaseUrl);
        return new MomentoEmulatorHost(app);
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(
        cancellationToken);

    /// <summary>Stops and disposes the host synchronously, for owners that dispose synchronously (a DI
    /// container).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IPAddress Address(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host);

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Momento emulator listening: gRPC on {Host}:{GrpcPort} (MomentoLocalProvider), "
            + "Topics HTTP API on {HttpBaseUrl}")]
    private static partial void Listening(ILogger logger, string host, int grpcPort, Uri httpBaseUrl);
}
