using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Client;

/// <summary>The browser client is served in every mode: locally against the Momento emulator, in Azure against Momento.</summary>
public static class BrowserClientRoutes
{
    public const string PagePath = "/api/client";

    public static IServiceCollection AddBrowserClient(this IServiceCollection services) =>
        services.AddSingleton<BrowserClientEndpoint>();

    public static IEndpointRouteBuilder MapBrowserClient(this IEndpointRouteBuilder app)
    {
        app.MapGet(PagePath + "/{*file}", (HttpRequest request, string? file, BrowserClientEndpoint endpoint, CancellationToken ct) =>
            endpoint.HandleAsync(request, file, ct));
        return app;
    }
}
