using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>
/// Where published messages are delivered. Webhooks are on when a signing secret is set; the URL is the configured
/// <see cref="EmulatorWebhookOptions.Url"/>, or one a host sets once it knows its own address (the dev server starts
/// the emulator before it listens, so no request ever finds the emulator missing). Deliveries wait for the URL.
/// </summary>
public sealed class WebhookTarget
{
    private readonly TaskCompletionSource<Uri> url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebhookTarget(IOptions<EmulatorOptions> options)
    {
        IsEnabled = !string.IsNullOrEmpty(options.Value.Webhook.SigningSecret);
        if (options.Value.Webhook.Url is { } configured)
        {
            url.SetResult(configured);
        }
    }

    /// <summary>True when every published text message is delivered.</summary>
    public bool IsEnabled { get; }

    /// <summary>The URL, once known.</summary>
    public Uri? Url => url.Task.IsCompletedSuccessfully ? url.Task.Result : null;

    /// <summary>Sets the URL when none is configured; a configured one wins.</summary>
    public void Set(Uri target) => url.TrySetResult(target);

    public Task<Uri> UrlAsync(CancellationToken cancellationToken) => url.Task.WaitAsync(cancellationToken);
}
