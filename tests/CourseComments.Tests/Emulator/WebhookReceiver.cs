using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Emulator;

/// <summary>One webhook request exactly as it arrived over HTTP.</summary>
public sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real HTTP server on 127.0.0.1 (port chosen by the OS) standing in for the webhook, so tests see the emulator's
/// delivery byte for byte. It answers with <see cref="Answer"/>, after <see cref="Hold"/> completes.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedWebhook> received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public int Answer { get; set; } = StatusCodes.Status200OK;

    public Task Hold { get; set; } = Task.CompletedTask;


    public static async Task<WebhookReceiver> StartAsync()
    {
        // A host of its own, not the app: it stands in for whatever receives the emulator's webhooks.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(),
                StringComparer.OrdinalIgnoreCase);
            await receiver.received.Writer.WriteAsync(new ReceivedWebhook(body.ToArray(), headers));
            await receiver.Hold;
            return Results.StatusCode(receiver.Answer);
        });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>();
        var address = addresses.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>The next delivery; deliveries are asynchronous, so this waits for one (failing after 30 s).</summary>
    public async Task<ReceivedWebhook> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await received.Reader.ReadAsync(patience.Token);
    }

    public int Pending => received.Reader.Count;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
