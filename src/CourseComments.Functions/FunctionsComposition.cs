using CourseComments.LocalMomento;
using CourseComments.Momento;
using CourseComments.Platform;
using CourseComments.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Functions;

public static class FunctionsComposition
{
    /// <summary>
    /// The app as the Functions host runs it. <c>Momento:Mode</c> picks the platform: <c>Local</c> (the embedded
    /// stand-in, refused in Azure) or <c>Momento</c> (Key Vault secrets and the Momento.Sdk adapters, registered
    /// first so the core's local defaults yield to them). Nothing here reads a secret or opens a connection.
    /// </summary>
    public static IServiceCollection AddCourseCommentsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration.GetSection(MomentoOptions.Section).Get<MomentoOptions>()?.Mode ?? MomentoMode.Local;
        if (mode == MomentoMode.Momento)
        {
            services.AddKeyVaultSecrets(configuration);
            services.AddMomentoAdapters();
        }

        else
        {
            // The worker's own server address is not where browsers and the stand-in reach the app: under func start
            // that is the host, on port 7071 unless Host.LocalHttpPort says otherwise (then set both settings).
            services.PostConfigure<LocalMomentoOptions>(local =>
            {
                local.PublicBaseUrl ??= new Uri("http://localhost:7071");
                local.WebhookUrl ??= new Uri("http://localhost:7071/api/webhook");
            });
        }

        services.AddSingleton<IValidateOptions<MomentoOptions>>(provider =>
            new RequiredAppSettingsInAzure(configuration, provider.GetRequiredService<AzurePlatform>()));
        return services.AddCourseComments(configuration);
    }
}
