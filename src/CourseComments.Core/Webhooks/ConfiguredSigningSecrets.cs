using System.Security.Cryptography;
using CourseComments.Platform;
using Microsoft.Extensions.Options;

namespace CourseComments.Webhooks;

/// <summary>
/// Signing secrets from configuration (<c>Webhook:SigningSecrets</c>). In local mode with none configured, a random
/// secret is generated at start-up and shared with the local Momento emulator, so no well-known default ever exists.
/// </summary>
public sealed class ConfiguredSigningSecrets : ISigningSecretSource
{
    private readonly SigningSecrets secrets;

    public ConfiguredSigningSecrets(IOptions<WebhookOptions> webhook, IOptions<MomentoOptions> momento)
    {
        var configured = webhook.Value.SigningSecrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        if (configured.Length == 0 && momento.Value.Mode == MomentoMode.Local)
        {
            configured = [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))];
        }

        secrets = new SigningSecrets(configured);
    }

    public ValueTask<SigningSecrets> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(secrets);
}
