using System.Net.Sockets;
using System.Net;
using System.Text;
using CourseComments.Momento;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Security;

/// <summary>
/// The app on real Kestrel (the dev server's server), bound to a chosen address and a port the OS picks, for tests
/// that need what only a real connection has: raw request targets, the caller's address, data rates. Requests are
/// written byte for byte, so nothing is normalised on the client's side. Composed as the dev server is: the
/// Momento.Sdk adapters against a Momento emulator of its own (free ports).
/// </summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly MomentoEmulatorHost emulator;

    private KestrelApp(WebApplication app, MomentoEmulatorHost emulator, IPEndPoint endpoint)
    {
        this.app = app;
        this.emulator = emulator;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<KestrelApp> StartAsync(
        IPAddress bind,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var emulator = await MomentoEmulatorHost.StartAsync(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MomentoEmulator:GrpcPort"] = "0",
                ["MomentoEmulator:HttpPort"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
            })
            .Build());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(bind, 0);
            CourseCommentsKestrel.Configure(kestrel);
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            ["Momento:LocalEndpoint"] = $"{emulator.Endpoints.GrpcHost}:{emulator.Endpoints.GrpcPort}",
            // The security tests drive the webhook; Subscription mode (the default) refuses it.
            ["Momento:Delivery"] = "Webhook",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddCourseComments(builder.Configuration);
        builder.Services.AddMomentoAdapters();
        builder.Services.AddConfiguredSigningSecrets();
        builder.Services.AddSingleton(new AzurePlatform(_ => null));
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapCourseComments();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new KestrelApp(app, emulator, new IPEndPoint(bind, address.Port));
    }

    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and
    /// <paramref name="body"/> over a new connection to <paramref name="connectTo"/> and returns the status
    /// code.</summary>
    public async Task<int> SendAsync(string head, string body = "", IPAddress? connectTo = null)
    {
        using var client = new TcpClient(Endpoint.AddressFamily);
        await client.ConnectAsync(new IPEndPoint(connectTo ?? Endpoint.Address, Endpoint.Port));
        var stream = client.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = $"{head}\r\nHost: {Endpoint}\r\nConnection: close\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.WriteAsync(bytes);
        return await ReadStatusAsync(stream);
    }

    /// <summary>The status code of the response on <paramref name="stream"/>.</summary>
    public static async Task<int> ReadStatusAsync(Stream stream)
    {
        var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The connection closed without a response.");
        return int.Parse(statusLine.Split(' ')[1]);
    }

    /// <summary>The status line and headers of the response on <paramref name="stream"/>.</summary>
    public static async Task<string> ReadHeadAsync(Stream stream)
    {
        var reader = new StreamReader(stream, Encoding.ASCII);
        var head = new StringBuilder();
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            head.AppendLine(line);
        }

        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await emulator.DisposeAsync();
    }
}
