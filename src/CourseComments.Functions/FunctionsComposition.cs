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
    /// The app as the Functions host runs it: the core plus the Momento.Sdk adapters. <c>Momento:Mode</c> picks what
    /// they talk to: <c>Local</c> (the Momento emulator, started first as its own process; refused in Azure) or
    /// <c>Momento</c> (the service, with the API key and signing secrets from Key Vault). Nothing here reads a secret
    /// or opens a connection.
    /// </summary>
    public static IServiceCollection AddCourseCommentsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration.GetSection(MomentoOptions.Section).Get<MomentoOptions>()?.Mode ?? MomentoMode.Local;
        if (mode == MomentoMode.Momento)
        {
            services.AddKeyVaultSecrets(configuration);
        }

        services.AddMomentoAdapters(configuration);

        services.AddSingleton<IValidateOptions<MomentoOptions>>(provider =>
            new RequiredAppSettingsInAzure(configuration, provider.GetRequiredService<AzurePlatform>()));
        return services.AddCourseComments(configuration);
    }
}
