using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to its configuration section and checks its data annotations
    /// at start-up, so a bad setting stops the app with a message naming it instead of failing a request
    /// later.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
