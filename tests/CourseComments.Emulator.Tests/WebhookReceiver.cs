using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Emulator.Tests;

/// <summary>A real HTTP endpoint on a free port that records each webhook POST; it can be told to stall.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<(string Signature, string UserAgent, byte[] Body)> received = Channel.CreateUnbounded<(
        string, string, byte[])>();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>While set, requests wait on it before answering (a stalled webhook).</summary>
    public TaskCompletionSource? Stall { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        // A host of its own, not the app: it stands in for whatever receives the emulator's webhooks.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (receiver.Stall is { } stall)
            {
                await stall.Task;
            }

            receiver.received.Writer.TryWrite(
                (request.Headers["momento-signature"].ToString(), request.Headers.UserAgent.ToString(),
                    body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = addresses.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/webhook");
        return receiver;
    }

    public async Task<(string Signature, string UserAgent, byte[] Body)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TopicEvents.Patience);
        return await received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Stall?.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
