using CourseComments.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseComments.Secrets;

/// <summary>
/// Reads the signing secrets and the Momento API key once, in the background, as soon as the app has started:
/// a delivery that arrives on a cold instance then finds them cached (or already being read) instead of spending
/// its response budget on Key Vault. Start-up itself never waits for the vault. A failure here is only logged;
/// the next caller reads again.
/// </summary>
internal sealed partial class SecretsWarmUp(
    ISigningSecretSource signingSecrets, IMomentoApiKeySource momentoApiKey, ILogger<SecretsWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(WarmAsync("signing-secrets", () => signingSecrets.GetAsync(stoppingToken).AsTask()),
                           WarmAsync("momento-api-key", () => momentoApiKey.GetAsync(stoppingToken).AsTask()));
    }

    private async Task WarmAsync(string what, Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (Exception ex) when (ex is SecretSourceUnavailableException or OperationCanceledException)
        {
            WarmUpFailed(logger, what, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Reading {What} ahead of the first request "
        + "failed ({Failure}); it is read again on first use")]
    private static partial void WarmUpFailed(ILogger logger, string what, string failure);
}
