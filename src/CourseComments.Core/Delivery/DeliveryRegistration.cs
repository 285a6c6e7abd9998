using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Delivery;

public static class DeliveryRegistration
{
    /// <summary>
    /// The intake every channel uses, the delivery status, and, when <c>Momento:Delivery</c> is
    /// <see cref="DeliveryMode.Subscription"/>, the subscriber: lease, relay and hosted service. That mode needs an
    /// <see cref="ITopicSubscriber"/> (the Momento.Sdk adapter or the local stand-in); without one the app stops at
    /// start.
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
            services.AddHostedService(provider => provider.GetService<ITopicSubscriber>() is null
                ? throw new InvalidOperationException(
                    "Momento:Delivery is Subscription but no topic subscriber is registered: run with Momento:Mode " +
                    "Momento or Local, or set Momento:Delivery to Webhook.")
                : ActivatorUtilities.CreateInstance<SubscriptionService>(provider));
        }

        return services;
    }
}
