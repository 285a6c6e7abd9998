using CourseComments.Http;
using CourseComments.Identity;
using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

/// <summary>Registrations of the token feature: publish-only Momento tokens for signed-in users.</summary>
public static class TokensFeature
{
    /// <summary>The token issuer and its CORS. The <see cref="ITokenMinter"/> comes from the host: the Momento.Sdk
    /// adapters (against Momento, or the Momento emulator locally).</summary>
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TokenOptions>(configuration, TokenOptions.Section);
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidator>();

        services.AddSingleton<CallerIdentityResolver>();
        services.AddCors();
        // The CORS service logs each refused origin at Information; the endpoint logs refusals itself, sampled.
        services.AddLogging(logging => logging.AddFilter(typeof(CorsService).FullName, LogLevel.Warning));
        services.AddSingleton<TokenCors>();
        services.AddSingleton<MintThrottle>();
        services.AddSingleton<UserMintShare>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenRefusals>();
        services.AddSingleton<TokenEndpoint>();
        return services;
    }

    /// <summary>Maps <see cref="ApiRoutes.Tokens"/> on <paramref name="api"/>: POST for tokens, OPTIONS for CORS
    /// preflights.</summary>
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder api)
    {
        api.MapPost(ApiRoutes.Tokens, (HttpRequest request, TokenEndpoint endpoint, CancellationToken ct) =>
            endpoint.HandleAsync(request, ct));
        api.MapMethods(ApiRoutes.Tokens, [HttpMethods.Options], (HttpRequest request, TokenCors cors) =>
            cors.Preflight(request));
        return api;
    }
}
