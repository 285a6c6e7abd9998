using CourseComments.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Profiles;

/// <summary>Registrations of user profiles (display names).</summary>
public static class ProfilesFeature
{
    /// <summary>The profile store, over the app's <see cref="Comments.ICommentStore"/>.</summary>
    public static IServiceCollection AddProfiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProfilesOptions>(configuration, ProfilesOptions.Section);
        services.AddSingleton<ProfileStore>();
        services.AddHybridCache(); // In-process only (no IDistributedCache is registered): the display names read.
        return services;
    }
}
