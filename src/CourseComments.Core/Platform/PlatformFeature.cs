using CourseComments.Http;
using CourseComments.Json;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

/// <summary>Registrations every feature stands on.</summary>
public static class PlatformFeature
{
    /// <summary>The clock, Azure detection, JSON and problem details, HSTS, refusal sampling, <c>Momento:Mode</c>
    /// with its start-up checks, and local mode's loopback-only callers.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(AzurePlatform.FromEnvironment());
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
        services.AddProblemDetails();
        services.AddSingleton<RefusalSampler>();
        services.AddTransient<IStartupFilter, StrictTransportSecurity>();

        services.AddValidatedOptions<MomentoOptions>(configuration, MomentoOptions.Section);
        services.AddSingleton<IValidateOptions<MomentoOptions>, LocalModeOutsideAzure>();
        services.AddSingleton<IValidateOptions<MomentoOptions>>(provider =>
            new HostRunsMode(services, provider.GetRequiredService<IOptions<WebhookOptions>>()));
        services.AddValidatedOptions<LocalModeOptions>(configuration, LocalModeOptions.Section);
        services.AddSingleton<LocalCallers>();
        services.AddHostedService(provider => provider.GetRequiredService<LocalCallers>());
        return services;
    }
}
