extern alias DevServer;

using System.Net.Sockets;
using System.Net;
using System.Text;
using CourseComments.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CourseComments.Tests.Security;

using DevServerProgram = DevServer::Program;

/// <summary>
/// The dev server itself (its <see cref="DevServerProgram"/>, through
/// <see cref="WebApplicationFactory{TEntryPoint}"/>) on real Kestrel, bound to a chosen address and a port the OS
/// picks, for tests that need what only a real connection has: raw request targets, the caller's address, data
/// rates. Requests are written byte for byte, so nothing is
/// normalised on the client's side. In local mode with webhook delivery and its embedded Momento emulator (free
/// ports), as under <c>dotnet run</c>.
/// </summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<DevServerProgram> factory;

    private KestrelApp(WebApplicationFactory<DevServerProgram> factory, IPEndPoint endpoint)
    {
        this.factory = factory;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public IServiceProvider Services => factory.Services;

    /// <param name="configureServices">Runs after the app's own registrations (through the factory's
    /// ConfigureTestServices), as for <see cref="TestApp"/>: fixed values such as the response budget, which
    /// configuration cannot set, are changed here with PostConfigure.</param>
    public static Task<KestrelApp> StartAsync(
        IPAddress bind,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            ["Momento:LocalEndpoint"] = $"127.0.0.1:{FreePort()}",
            ["MomentoEmulator:HttpPort"] = "0",
            // The security tests drive the webhook; Subscription mode (the default) refuses it.
            ["Momento:Delivery"] = "Webhook",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var factory = new WebApplicationFactory<DevServerProgram>().WithWebHostBuilder(web =>
        {
            // The dev server's own content root (its build output, here the tests'), which the factory must not move.
            web.UseContentRoot(AppContext.BaseDirectory);
            // As under `dotnet run` (the dev server has no launch profile), not the factory's Development.
            web.UseEnvironment(Environments.Production);
            // Settings as host settings: the factory hands them to Program as arguments, so they are read before Build.
            foreach (var (key, value) in values)
            {
                web.UseSetting(key, value);
            }

            // Not Azure, whatever the machine's environment says: the tests are about local mode.
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton(new AzurePlatform(_ => null));
                configureServices?.Invoke(services);
            });
        });
        factory.UseKestrel(kestrel => kestrel.Listen(bind, 0));
        try
        {
            factory.StartServer();
            var address = new Uri(factory.Services.GetRequiredService<IServer>()
                .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            return Task.FromResult(new KestrelApp(factory, new IPEndPoint(bind, address.Port)));
        }
        catch
        {
            factory.Dispose();
            throw;
        }
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
        var statusLine = await reader.ReadLineAsync()
            ?? throw new InvalidOperationException("The connection closed without a response.");
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

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    /// <summary>A free port for the embedded emulator's gRPC listener, which the settings must name before the app
    /// starts.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
