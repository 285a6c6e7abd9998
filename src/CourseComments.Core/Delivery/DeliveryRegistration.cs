using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Delivery;

public static class DeliveryRegistration
{
    /// <summary>
    /// The intake every channel uses, the delivery status, and, when <c>Momento:Delivery</c> is
    /// <see cref="DeliveryMode.Subscription"/>, the subscriber: lease, relay and hosted service. That mode needs an
    /// <see cref="ITopicSubscriber"/> (the Momento.Sdk adapter); without one the app stops at start
    /// (<see cref="HostRunsMode"/>).
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DeliveryOptions>(configuration, DeliveryOptions.Section);
        services.AddSingleton<DeliveryStatus>();
        services.AddSingleton<CommentIntake>();

        var mode = configuration.GetSection(MomentoOptions.Section).Get<MomentoOptions>()?.Delivery
            ?? DeliveryMode.Subscription;
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
