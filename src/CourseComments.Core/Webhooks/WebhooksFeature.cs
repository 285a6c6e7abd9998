using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Webhooks;

/// <summary>Registrations of the webhook feature.</summary>
public static class WebhooksFeature
{
    /// <summary>Signing secrets from configuration (<see cref="ConfiguredSigningSecrets"/>): local mode's source, and
    /// the dev server's in every mode. Momento mode in the Functions app uses <c>AddKeyVaultSecrets</c> instead.
    /// </summary>
    public static IServiceCollection AddConfiguredSigningSecrets(this IServiceCollection services) =>
        services.AddSingleton<ISigningSecretSource, ConfiguredSigningSecrets>();
}
