using CourseComments.Identity;
using CourseComments.Platform;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

public static class TokensServiceCollection
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
        services.AddSingleton<TokenEndpoint>();
        return services;
    }
}
