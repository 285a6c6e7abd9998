using CourseComments.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Client;

/// <summary>The browser client is served in every mode: locally against the Momento emulator, in Azure against
/// Momento.</summary>
public static class BrowserClientFeature
{
    public const string PagePath = ApiRoutes.PathBase + ApiRoutes.Client;

    public static IServiceCollection AddBrowserClient(this IServiceCollection services) =>
        services.AddSingleton<BrowserClientEndpoint>();

    /// <summary>Maps <see cref="ApiRoutes.ClientFiles"/> on <paramref name="api"/>, the group under
    /// <see cref="ApiRoutes.Prefix"/>.</summary>
    public static IEndpointRouteBuilder MapBrowserClient(this IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.ClientFiles,
            (HttpRequest request, string? file, BrowserClientEndpoint endpoint, CancellationToken ct) =>
                endpoint.HandleAsync(request, file, ct));
        return api;
    }
}
