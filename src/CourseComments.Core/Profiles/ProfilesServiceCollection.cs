using CourseComments.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Profiles;

public static class ProfilesServiceCollection
{
    /// <summary>The profile store, over the app's <see cref="Comments.ICommentStore"/>.</summary>
    public static IServiceCollection AddProfiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProfilesOptions>(configuration, ProfilesOptions.Section);
        services.AddSingleton<ProfileStore>();
        return services;
    }
}
