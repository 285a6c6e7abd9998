using CourseComments.Client;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Health;
using CourseComments.Http;
using CourseComments.Platform;
using CourseComments.Profiles;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments;

/// <summary>The app's table of contents: its features, what each registers and which endpoints it serves, for every
/// host. Each feature's <c>XFeature</c> class (in its folder) holds its <c>AddX</c> and <c>MapX</c>.</summary>
public static class CourseCommentsApp
{
    /// <summary>The core's services for every mode, with the modes read from <paramref name="configuration"/>
    /// (<see cref="AppModes.From"/>). The host registers the mode's ports beside them: the Momento.Sdk adapters and a
    /// signing secret source (<c>AddConfiguredSigningSecrets</c> or <c>AddKeyVaultSecrets</c>).</summary>
    public static IServiceCollection AddCourseComments(
        this IServiceCollection services, IConfiguration configuration) =>
        services.AddCourseComments(configuration, AppModes.From(configuration));

    /// <summary>The core's services for <paramref name="modes"/>, for a host that read them itself to pick its own
    /// ports (the Functions app's secrets).</summary>
    public static IServiceCollection AddCourseComments(
        this IServiceCollection services, IConfiguration configuration, AppModes modes) =>
        services
            .AddPlatform(configuration)
            .AddComments(configuration)
            .AddDelivery(configuration, modes.Delivery)
            .AddWebhooks(configuration)
            .AddTokens(configuration)
            .AddProfiles(configuration)
            .AddHealth()
            .AddBrowserClient();

    /// <summary>The <c>/api</c> routes (<see cref="ApiRoutes"/>) for hosts that route themselves (the dev server,
    /// tests); the Functions app binds the same endpoint classes to its functions instead.</summary>
    public static IEndpointRouteBuilder MapCourseComments(this IEndpointRouteBuilder app)
    {
        // Every route, in local mode, answers loopback callers only (unless LocalMode:AllowRemoteCallers).
        var api = app.MapGroup("/" + ApiRoutes.Prefix).AddEndpointFilter<LocalCallersFilter>();
        api.MapWebhooks();
        api.MapComments();
        api.MapTokens();
        api.MapHealth();
        api.MapBrowserClient();
        return app;
    }
}
