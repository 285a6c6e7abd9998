using CourseComments.Client;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Health;
using CourseComments.Http;
using CourseComments.Json;
using CourseComments.Platform;
using CourseComments.Profiles;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseComments;

/// <summary>The app's table of contents: what it registers and which endpoints it serves, for every host.</summary>
public static class CourseCommentsApp
{
    public static IServiceCollection AddCourseComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(AzurePlatform.FromEnvironment());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
        services.AddProblemDetails();
        services.TryAddSingleton<RefusalSampler>();
        services.AddTransient<IStartupFilter, StrictTransportSecurity>();

        services.AddValidatedOptions<MomentoOptions>(configuration, MomentoOptions.Section);
        services.AddSingleton<IValidateOptions<MomentoOptions>, LocalModeOutsideAzure>();
        services.AddSingleton<IValidateOptions<MomentoOptions>>(provider =>
            new HostRunsMode(services, provider.GetRequiredService<IOptions<WebhookOptions>>()));
        services.AddValidatedOptions<LocalModeOptions>(configuration, LocalModeOptions.Section);
        services.AddSingleton<LocalCallers>();
        services.AddHostedService(provider => provider.GetRequiredService<LocalCallers>());
        services.AddValidatedOptions<WebhookOptions>(configuration, WebhookOptions.Section);
        services.AddValidatedOptions<CommentsOptions>(configuration, CommentsOptions.Section);
        services.AddValidatedOptions<IntakeOptions>(configuration, IntakeOptions.Section);

        // Comments (the ICommentStore and ITokenMinter ports are the host's to register: the Momento.Sdk adapters)
        services.AddSingleton<CommentWriter>();
        services.AddSingleton<StoredMarks>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredMarks>());
        services.AddSingleton<ReadCommentsEndpoint>();

        // Delivery: the intake both channels use, and the topic subscriber in Subscription mode
        services.AddDelivery(configuration);

        // Webhooks
        services.TryAddSingleton<ISigningSecretSource, ConfiguredSigningSecrets>();
        services.AddSingleton<WebhookEndpoint>();

        // Tokens
        services.AddTokens(configuration);

        // Profiles (display names)
        services.AddProfiles(configuration);

        // Health
        services.AddSingleton<HealthEndpoint>();

        // The browser client (every mode)
        services.AddBrowserClient();
        return services;
    }

    /// <summary>The <c>/api</c> routes for hosts that route themselves (the dev server, tests); the Functions app
    /// binds the same endpoint classes to its functions instead.</summary>
    public static IEndpointRouteBuilder MapCourseComments(this IEndpointRouteBuilder app)
    {
        // Every route, in local mode, answers loopback callers only (unless LocalMode:AllowRemoteCallers).
        var site = app.MapGroup(string.Empty).AddEndpointFilter<LocalCallersFilter>();
        var api = site.MapGroup("/api");
        api.MapPost("/webhook", (HttpRequest request, WebhookEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(request, ct));
        api.MapGet("/courses/{courseId}/comments", (HttpRequest request, string courseId, ReadCommentsEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(request, courseId, ct));
        api.MapPost("/tokens", (HttpRequest request, TokenEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(request, ct));
        api.MapMethods("/tokens", [HttpMethods.Options], (HttpRequest request, TokenCors cors) => cors.Preflight(request));
        api.MapGet("/health", (HealthEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(ct));
        site.MapBrowserClient();
        return app;
    }
}
