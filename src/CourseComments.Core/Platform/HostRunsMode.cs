using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Secrets;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

/// <summary>
/// Start-up check: the host provides everything its <c>Momento:Mode</c> needs, or the app refuses to start with a
/// message naming what is missing (never a value). Every mode needs the Momento.Sdk adapters (the comment store and
/// token minter); Momento mode also needs the Momento API key and signing secrets, which only the Functions app
/// registers (from Key Vault; the dev server has neither); <c>Momento:Delivery=Subscription</c> also needs a topic
/// subscriber (the Momento.Sdk adapter). Reads the host's final service registrations, so it sees what every host
/// added, in any order.
/// </summary>
public sealed class HostRunsMode(IServiceCollection services, IOptions<WebhookOptions> webhook)
    : IValidateOptions<MomentoOptions>
{
    public ValidateOptionsResult Validate(string? name, MomentoOptions options)
    {
        var missing = new List<string>();
        if (!services.Any(d => d.ServiceType == typeof(ITokenMinter))
            || !services.Any(d => d.ServiceType == typeof(ICommentStore)))
        {
            missing.Add("the Momento.Sdk adapters (ITokenMinter and ICommentStore: AddMomentoAdapters, "
                + "src/CourseComments.Momento)");
        }

        if (options.Delivery == DeliveryMode.Subscription
            && !services.Any(d => d.ServiceType == typeof(ITopicSubscriber)))
        {
            missing.Add("a topic subscriber for Momento:Delivery=Subscription (ITopicSubscriber: AddMomentoAdapters; "
                + "or set Momento:Delivery=Webhook)");
        }

        if (options.Mode != MomentoMode.Momento)
        {
            return Result(options, missing);
        }

        if (!services.Any(d => d.ServiceType == typeof(IMomentoApiKeySource)))
        {
            missing.Add("the Momento API key (IMomentoApiKeySource: Key Vault in the Functions app)");
        }

        var secrets = services.LastOrDefault(d => d.ServiceType == typeof(ISigningSecretSource));
        if (secrets?.ImplementationType == typeof(ConfiguredSigningSecrets)
            && webhook.Value.SigningSecrets.All(string.IsNullOrWhiteSpace))
        {
            missing.Add("webhook signing secrets (Webhook:SigningSecrets, or Key Vault in the Functions app)");
        }

        return Result(options, missing);
    }

    private static ValidateOptionsResult Result(MomentoOptions options, List<string> missing) =>
        missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Momento:Mode is {options.Mode}, but this host is missing {string.Join(" and ", missing)}. "
                + (options.Mode == MomentoMode.Momento
                    ? "Run Momento mode in the Functions app (src/CourseComments.Functions), or use Momento:Mode=Local."
                    : "Compose the host as the dev server does."));
}
