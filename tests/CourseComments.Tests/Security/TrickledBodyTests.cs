using System.Net;
using System.Net.Sockets;
using System.Text;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 5: a webhook body trickled in slowly cannot hold a request open past the response budget,
/// and real Kestrel cuts off a body slower than the minimum data rate.</summary>
public class TrickledBodyTests
{
    [Fact]
    public async Task The_response_budget_covers_reading_the_body()
    {
        await using var app = await TestApp.StartAsync(
            configureServices: TestApp.ResponseBudget(TimeSpan.FromMilliseconds(300)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook") { Content = new TrickledContent() };

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await app.Client.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("body-timeout", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kestrel_cuts_off_a_body_slower_than_the_minimum_data_rate()
    {
        // 300 B/s, above Kestrel's default minimum (240 B/s) and below ours. The budget is longer than Momento allows
        // (4.5 s) and answers with problem+json, so a bare 408 can only be Kestrel's data-rate check.
        await using var app = await KestrelApp.StartAsync(
            IPAddress.Loopback, configureServices: TestApp.ResponseBudget(TimeSpan.FromMilliseconds(4500)));
        using var client = new TcpClient();
        await client.ConnectAsync(app.Endpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/webhook HTTP/1.1\r\nHost: {app.Endpoint}\r\n"
                + "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n"));

        using var trickling = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            while (!trickling.IsCancellationRequested)
            {
                await stream.WriteAsync(new byte[30], trickling.Token);
                await Task.Delay(100, trickling.Token);
            }
        });

        var head = await KestrelApp.ReadHeadAsync(stream).WaitAsync(TimeSpan.FromSeconds(30));
        await trickling.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => trickle);

        Assert.StartsWith("HTTP/1.1 408", head, StringComparison.Ordinal);
        Assert.DoesNotContain("problem+json", head, StringComparison.Ordinal);
    }

    /// <summary>A body that sends one byte and then never finishes (until the request is abandoned).</summary>
    private sealed class TrickledContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(
            Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync("{"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
