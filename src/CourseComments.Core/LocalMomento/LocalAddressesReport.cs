using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.LocalMomento;

/// <summary>
/// Once the server has started, says where tokens send browsers and where webhooks go, and warns about a
/// <c>LocalMomento:PublicBaseUrl</c> or <c>LocalMomento:WebhookUrl</c> setting at which nothing answers (any HTTP
/// answer counts; only a refused or timed-out connection does not), naming the setting and the server's own address.
/// </summary>
public sealed partial class LocalAddressesReport(
    LocalAddresses addresses,
    IOptions<LocalMomentoOptions> options,
    IHttpClientFactory httpClients,
    IHostApplicationLifetime lifetime,
    ILogger<LocalAddressesReport> logger) : IHostedService
{
    public const string HttpClientName = "LocalMomento.AddressCheck";

    // Another host (func start's) may start listening a little after this worker: look a few times before warning.
    private const int Attempts = 5;
    private static readonly TimeSpan BetweenAttempts = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private Task report = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => report = ReportAsync(stopping.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await report.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        Uri topicsBase, webhook;
        try
        {
            (topicsBase, webhook) = (addresses.TopicsBaseUrl, addresses.WebhookUrl);
        }
        catch (InvalidOperationException ex)
        {
            Unresolved(logger, ex.Message);
            return;
        }

        Addresses(logger, topicsBase, webhook);
        var settings = options.Value;
        foreach (var (name, url) in new[] { ("PublicBaseUrl", settings.PublicBaseUrl), ("WebhookUrl", settings.WebhookUrl) })
        {
            if (url is not null && !await AnswersAsync(url, cancellationToken))
            {
                PointsNowhere(logger, "LocalMomento:" + name, url, string.Join(", ", addresses.Listening));
            }
        }
    }

    private async Task<bool> AnswersAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt < Attempts)
                {
                    await Task.Delay(BetweenAttempts, cancellationToken);
                }
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information,
        Message = "Local Momento: tokens publish to {TopicsBaseUrl}; webhooks are delivered to {WebhookUrl}")]
    private static partial void Addresses(ILogger logger, Uri topicsBaseUrl, Uri webhookUrl);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning,
        Message = "{Setting} is {Url}, but nothing answers there; this server listens on {Listening}. "
            + "Remove the setting to use this server's own address")]
    private static partial void PointsNowhere(ILogger logger, string setting, Uri url, string listening);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error,
        Message = "Local Momento cannot work: {Problem} Set LocalMomento:PublicBaseUrl and LocalMomento:WebhookUrl")]
    private static partial void Unresolved(ILogger logger, string problem);
}
