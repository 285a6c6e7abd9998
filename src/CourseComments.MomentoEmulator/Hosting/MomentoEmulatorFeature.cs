using CourseComments.MomentoEmulator.Auth;
using CourseComments.MomentoEmulator.Cache;
using CourseComments.MomentoEmulator.Faults;
using CourseComments.MomentoEmulator.Grpc;
using CourseComments.MomentoEmulator.Topics;
using CourseComments.Platform;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Hosting;

/// <summary>Registers and maps the emulator on a host of its own (<see cref="MomentoEmulatorHost"/>).</summary>
public static class MomentoEmulatorFeature
{
    /// <summary>Everything the emulator serves, with its settings (section <c>MomentoEmulator</c>) checked at
    /// start-up.</summary>
    public static IServiceCollection AddMomentoEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(AzurePlatform.FromEnvironment());
        services.AddValidatedOptions<EmulatorOptions>(configuration, EmulatorOptions.Section);
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOutsideAzure>();
        services.AddProblemDetails();

        services.AddSingleton<EmulatorEndpoints>();
        services.AddSingleton<EmulatorTokenCodec>();
        services.AddSingleton<CacheStore>();
        services.AddHostedService<CacheMaintenance>();
        services.AddSingleton<TopicHub>();
        services.AddSingleton<WebhookTarget>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<TopicPublisher>();
        services.AddSingleton<TopicsHttpEndpoint>();
        services.AddHttpClient(WebhookDeliveryWorker.HttpClientName, client =>
            client.Timeout = WebhookDeliveryWorker.Timeout);
        services.AddHostedService<WebhookDeliveryWorker>();

        services.AddSingleton<EmulatorFaults>();
        services.AddGrpc(grpc => grpc.Interceptors.Add<CallPipeline>());
        services.AddSingleton<CacheCalls>();
        services.AddSingleton<TopicCalls>();
        services.AddSingleton<TokenCalls>();
        services.AddSingleton<ControlCalls>();
        services.AddSingleton<EmulatorGrpcService>();
        services.AddSingleton<IServiceMethodProvider<EmulatorGrpcService>, EmulatorMethodProvider>();
        return services;
    }

    /// <summary>Maps Momento's gRPC services and the Topics HTTP API.</summary>
    public static IEndpointRouteBuilder MapMomentoEmulator(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<EmulatorGrpcService>();
        app.MapMethods(
            "/topics/{cache}/{topic}",
            [HttpMethods.Post, HttpMethods.Options],
            (HttpRequest request, string cache, string topic, TopicsHttpEndpoint endpoint, CancellationToken ct) =>
                endpoint.HandleAsync(request, cache, topic, ct));
        return app;
    }
}
