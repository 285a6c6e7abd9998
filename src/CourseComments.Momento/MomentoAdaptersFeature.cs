using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Platform;
using CourseComments.Secrets;
using CourseComments.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Momento;

/// <summary>Registrations of the Momento.Sdk adapters: the core's ports over Momento or the Momento emulator.</summary>
public static class MomentoAdaptersFeature
{
    /// <summary>
    /// The Momento.Sdk implementations of <see cref="ICommentStore"/>, <see cref="ITokenMinter"/> and
    /// <see cref="ITopicSubscriber"/>, over one client of each kind: with <c>Momento:Mode=Momento</c> built from
    /// <see cref="IMomentoApiKeySource"/> (Key Vault), with <c>Local</c> pointed at the Momento emulator
    /// (<see cref="MomentoOptions.LocalEndpoint"/>) through <c>MomentoLocalProvider</c>. The same adapters run in
    /// both; the options say which.
    /// </summary>
    public static IServiceCollection AddMomentoAdapters(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var momento = provider.GetRequiredService<IOptions<MomentoOptions>>().Value;
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var ttl = provider.GetRequiredService<IOptions<CommentsOptions>>().Value.Ttl;
            return momento.Mode == MomentoMode.Local
                ? MomentoClientFactory.CreateLocal(loggers, ttl, momento.LocalHost, momento.LocalPort)
                : MomentoClientFactory.Create(loggers, ttl);
        });
        services.AddSingleton(provider => new MomentoClients(
            provider.GetRequiredService<IOptions<MomentoOptions>>().Value.Mode == MomentoMode.Local
                ? new LocalSuperUserKey()
                : provider.GetRequiredService<IMomentoApiKeySource>(),
            provider.GetRequiredService<MomentoClientFactory>()));
        services.AddSingleton<ICommentStore, MomentoCommentStore>();
        services.AddSingleton<ITokenMinter, MomentoTokenMinter>();
        services.AddSingleton(provider =>
        {
            var momento = provider.GetRequiredService<IOptions<MomentoOptions>>().Value;
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            return momento.Mode == MomentoMode.Local
                ? new MomentoTopicClients(new LocalSuperUserKey(),
                    _ => MomentoTopicClients.CreateLocal(loggers, momento.LocalHost, momento.LocalPort))
                : new MomentoTopicClients(provider.GetRequiredService<IMomentoApiKeySource>(),
                    apiKey => MomentoTopicClients.Create(apiKey, loggers));
        });
        services.AddSingleton<ITopicSubscriber, MomentoTopicSubscriber>();
        return services;
    }

    /// <summary>Local mode's credential: the emulator's super-user, which <c>MomentoLocalProvider</c> presents as an
    /// empty token (Momento's convention for local servers).</summary>
    private sealed class LocalSuperUserKey : IMomentoApiKeySource
    {
        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult("");
    }
}
