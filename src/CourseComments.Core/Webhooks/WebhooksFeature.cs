using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Webhooks;

/// <summary>Registrations of the webhook feature: Momento's signed deliveries.</summary>
public static class WebhooksFeature
{
    /// <summary>The webhook endpoint and its settings. The <see cref="ISigningSecretSource"/> is the host's to
    /// register, by mode: <see cref="AddConfiguredSigningSecrets"/> or <c>AddKeyVaultSecrets</c>.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions>(configuration, WebhookOptions.Section);
        services.AddSingleton<WebhookEndpoint>();
        return services;
    }

    /// <summary>Signing secrets from configuration (<see cref="ConfiguredSigningSecrets"/>): local mode's source, and
    /// the dev server's in every mode. Momento mode in the Functions app uses <c>AddKeyVaultSecrets</c> instead.
    /// </summary>
    public static IServiceCollection AddConfiguredSigningSecrets(this IServiceCollection services) =>
        services.AddSingleton<ISigningSecretSource, ConfiguredSigningSecrets>();

    /// <summary>Maps <see cref="ApiRoutes.Webhook"/> on <paramref name="api"/>.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder api)
    {
        api.MapPost(ApiRoutes.Webhook, (HttpRequest request, WebhookEndpoint endpoint, CancellationToken ct) =>
            endpoint.HandleAsync(request, ct));
        return api;
    }
}
