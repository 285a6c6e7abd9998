using CourseComments.Momento;
using CourseComments.Platform;
using CourseComments.Secrets;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CourseComments.Functions;

public static class FunctionsComposition
{
    /// <summary>
    /// The Functions host as Program.cs builds it: ASP.NET Core integration, the local-callers check, Application
    /// Insights and <see cref="AddCourseCommentsFunctions"/>, with the container checked when it is built
    /// (<c>ValidateOnBuild</c>: every registration can be constructed; <c>ValidateScopes</c>: no singleton holds a
    /// scoped service).
    /// </summary>
    public static FunctionsApplicationBuilder AddCourseCommentsHost(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureContainer(new DefaultServiceProviderFactory(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<LocalCallersMiddleware>();
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        builder.Services.AddCourseCommentsFunctions(builder.Configuration);
        // The worker's own Kestrel, which the Functions host forwards requests to: a trickled body is cut off here
        // too.
        builder.Services.Configure<KestrelServerOptions>(CourseCommentsKestrel.Configure);
        return builder;
    }

    /// <summary>
    /// The app as the Functions host runs it: the core plus the Momento.Sdk adapters. The modes are read here once
    /// (<see cref="AppModes"/>) and passed on; <c>Momento:Mode</c> picks what the adapters talk to: <c>Local</c> (the
    /// Momento emulator, started first as its own process, with signing secrets from configuration; refused in Azure)
    /// or <c>Momento</c> (the service, with the API key and signing secrets from Key Vault). Each service is
    /// registered once, so the order of these calls does not matter.
    /// Nothing here reads a secret or opens a connection.
    /// </summary>
    public static IServiceCollection AddCourseCommentsFunctions(
        this IServiceCollection services, IConfiguration configuration)
    {
        var modes = AppModes.From(configuration);
        services.AddCourseComments(configuration, modes);
        services.AddMomentoAdapters();
        if (modes.Momento == MomentoMode.Momento)
        {
            services.AddKeyVaultSecrets(configuration);
        }
        else
        {
            services.AddConfiguredSigningSecrets();
        }

        services.AddSingleton<IValidateOptions<MomentoOptions>>(provider =>
            new RequiredAppSettingsInAzure(configuration, provider.GetRequiredService<AzurePlatform>()));
        return services;
    }
}
