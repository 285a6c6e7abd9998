using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

/// <summary>
/// Start-up check: the host provides everything its <c>Momento:Mode</c> needs, or the app refuses to start with a
/// message naming what is missing (never a value). Local mode brings its own parts; Momento mode needs the
/// Momento.Sdk token minter and signing secrets, which only the Functions app registers (the dev server has
/// neither). Reads the host's final service registrations, so it sees what every host added, in any order.
/// </summary>
public sealed class HostRunsMode(IServiceCollection services, IOptions<WebhookOptions> webhook)
    : IValidateOptions<MomentoOptions>
{
    public ValidateOptionsResult Validate(string? name, MomentoOptions options)
    {
        if (options.Mode != MomentoMode.Momento)
        {
            return ValidateOptionsResult.Success;
        }

        var missing = new List<string>();
        if (!services.Any(d => d.ServiceType == typeof(ITokenMinter)))
        {
            missing.Add("a Momento token minter (ITokenMinter: the Momento.Sdk adapters, src/CourseComments.Momento)");
        }

        var secrets = services.LastOrDefault(d => d.ServiceType == typeof(ISigningSecretSource));
        if (secrets?.ImplementationType == typeof(ConfiguredSigningSecrets)
            && webhook.Value.SigningSecrets.All(string.IsNullOrWhiteSpace))
        {
            missing.Add("webhook signing secrets (Webhook:SigningSecrets, or Key Vault in the Functions app)");
        }

        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Momento:Mode is Momento, but this host is missing {string.Join(" and ", missing)}. " +
                "Run Momento mode in the Functions app (src/CourseComments.Functions), or use Momento:Mode=Local.");
    }
}
