using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Platform;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseComments.LocalMomento;

/// <summary>Registers and maps the local Momento stand-in. Called only in local mode; in any other mode none of it exists.</summary>
public static class LocalMomentoRoutes
{
    /// <summary>Where the stand-in's Topics API lives under every host (the Functions app's route prefix is also /api).</summary>
    public const string Prefix = "/api/local-momento";

    public static IServiceCollection AddLocalMomento(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LocalMomentoOptions>(configuration, LocalMomentoOptions.Section);
        services.AddSingleton<IValidateOptions<LocalMomentoOptions>, LocalMomentoOutsideAzure>();

        services.AddSingleton<LocalTokenCodec>();
        services.Replace(ServiceDescriptor.Singleton<ITokenMinter, LocalTokenMinter>());
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<LocalPublishEndpoint>();
        if (configuration.GetSection(MomentoOptions.Section).Get<MomentoOptions>()?.Delivery == DeliveryMode.Webhook)
        {
            services.AddHttpClient(WebhookDeliveryWorker.HttpClientName, client => client.Timeout = WebhookDeliveryWorker.Timeout);
            services.AddHostedService<WebhookDeliveryWorker>();
        }
        else
        {
            services.TryAddSingleton<ITopicSubscriber, LocalTopicSubscriber>();
        }

        if (!string.IsNullOrWhiteSpace(configuration[$"{LocalMomentoOptions.Section}:{nameof(LocalMomentoOptions.DataFile)}"]))
        {
            services.TryAddSingleton<InMemoryCommentStore>();
            services.Replace(ServiceDescriptor.Singleton<ICommentStore, SnapshotCommentStore>());
        }

        return services;
    }

    /// <summary>Maps the stand-in's routes when <see cref="AddLocalMomento"/> registered it; otherwise maps nothing.</summary>
    public static IEndpointRouteBuilder MapLocalMomento(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(LocalPublishEndpoint)) != true)
        {
            return app;
        }

        app.MapMethods(
            Prefix + "/topics/{cache}/{topic}",
            [HttpMethods.Post, HttpMethods.Options],
            (HttpRequest request, string cache, string topic, LocalPublishEndpoint endpoint, CancellationToken ct) =>
                endpoint.HandleAsync(request, cache, topic, ct));
        return app;
    }
}
