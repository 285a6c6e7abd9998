using CourseComments.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Health;

/// <summary>Registrations of the health endpoint.</summary>
public static class HealthFeature
{
    public static IServiceCollection AddHealth(this IServiceCollection services) =>
        services.AddSingleton<HealthEndpoint>();

    /// <summary>Maps <see cref="ApiRoutes.Health"/> on <paramref name="api"/>.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.Health, (HealthEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(ct));
        return api;
    }
}
