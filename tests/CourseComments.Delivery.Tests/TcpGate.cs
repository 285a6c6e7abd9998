using System.Net;
using System.Net.Sockets;

namespace CourseComments.Delivery.Tests;

/// <summary>
/// A TCP forwarder on a free loopback port in front of the emulator: <see cref="Close"/> resets every open connection
/// and refuses new ones (a network cut, or a vanished peer), <see cref="Open"/> lets traffic through again.
/// </summary>
internal sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly Lock gate = new();
    private readonly List<(TcpClient Client, TcpClient Upstream)> open = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private bool closed;

    public TcpGate(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Close()
    {
        lock (gate)
        {
            closed = true;
            foreach (var (client, upstream) in open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // RST, as a dropped network does
                client.Dispose();
                upstream.Dispose();
            }

            open.Clear();
        }
    }

    public void Open()
    {
        lock (gate)
        {
            closed = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Close();
        await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            bool refuse;
            lock (gate)
            {
                refuse = closed;
            }

            if (refuse)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            lock (gate)
            {
                if (closed)
                {
                    throw new IOException("The gate closed while connecting.");
                }

                open.Add((client, upstream));
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(upstream.GetStream(), both.Token),
                upstream.GetStream().CopyToAsync(client.GetStream(), both.Token));
            await both.CancelAsync();
        }
        catch (Exception ex)
            when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The cut, or the end of the connection.
        }
        finally
        {
            lock (gate)
            {
                open.Remove((client, upstream));
            }

            client.Dispose();
            upstream.Dispose();
        }
    }
}
