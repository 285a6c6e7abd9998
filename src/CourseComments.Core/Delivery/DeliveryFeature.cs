using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Delivery;

/// <summary>Registrations of delivery: how published comments reach the store. It serves no route of its own: the
/// webhook channel is the webhook feature's endpoint, and the delivery state shows in <c>/api/health</c>.</summary>
public static class DeliveryFeature
{
    /// <summary>
    /// The intake every channel uses, the delivery status, and, when <paramref name="mode"/> is
    /// <see cref="DeliveryMode.Subscription"/>, the subscriber: lease, relay and hosted service. That mode needs an
    /// <see cref="ITopicSubscriber"/> (the Momento.Sdk adapter); without one the app stops at start
    /// (<see cref="HostRunsMode"/>).
    /// </summary>
    /// <param name="mode"><c>Momento:Delivery</c>, as the composition read it (<see cref="AppModes"/>).</param>
    public static IServiceCollection AddDelivery(
        this IServiceCollection services, IConfiguration configuration, DeliveryMode mode)
    {
        services.AddValidatedOptions<DeliveryOptions>(configuration, DeliveryOptions.Section);
        services.AddSingleton<DeliveryStatus>();
        services.AddSingleton<CommentIntake>();
        if (mode == DeliveryMode.Subscription)
        {
            services.AddSingleton<DeliveryLease>();
            services.AddSingleton<TopicRelay>();
            services.AddHostedService(provider =>
            {
                // Options first: a host without a topic subscriber (or the adapters) stops with HostRunsMode's
                // message naming what is missing, not a bare "unable to resolve" from the container.
                _ = provider.GetRequiredService<IOptions<MomentoOptions>>().Value;
                return ActivatorUtilities.CreateInstance<SubscriptionService>(provider);
            });
        }

        return services;
    }
}
