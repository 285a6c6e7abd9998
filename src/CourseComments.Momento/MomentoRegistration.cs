using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Secrets;
using CourseComments.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Momento;

public static class MomentoRegistration
{
    /// <summary>
    /// The Momento.Sdk implementations of <see cref="ICommentStore"/>, <see cref="ITokenMinter"/> and
    /// <see cref="ITopicSubscriber"/>, over one client of each kind built from <see cref="IMomentoApiKeySource"/>.
    /// Call before <c>AddCourseComments</c>.
    /// </summary>
    public static IServiceCollection AddMomentoAdapters(this IServiceCollection services)
    {
        services.AddSingleton(provider => MomentoClientFactory.Create(
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<IOptions<CommentsOptions>>().Value.Ttl));
        services.AddSingleton<MomentoClients>();
        services.AddSingleton<ICommentStore, MomentoCommentStore>();
        services.AddSingleton<ITokenMinter, MomentoTokenMinter>();
        services.AddSingleton(provider => new MomentoTopicClients(
            provider.GetRequiredService<IMomentoApiKeySource>(),
            apiKey => MomentoTopicClients.Create(apiKey, provider.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<ITopicSubscriber, MomentoTopicSubscriber>();
        return services;
    }
}
