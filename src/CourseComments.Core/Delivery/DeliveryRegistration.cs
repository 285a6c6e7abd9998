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
    /// <see cref="ITopicSubscriber"/> (the Momento.Sdk adapter or the local stand-in), checked at start-up.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DeliveryOptions>(configuration, DeliveryOptions.Section);
        services.AddSingleton<DeliveryStatus>();
        services.AddSingleton<CommentIntake>();

        var mode = configuration.GetSection(MomentoOptions.Section).Get<MomentoOptions>()?.Delivery ?? DeliveryMode.Subscription;
        if (mode == DeliveryMode.Subscription)
        {
            services.AddSingleton<DeliveryLease>();
            services.AddSingleton<TopicRelay>();
            services.AddHostedService<SubscriptionService>();
            services.AddSingleton<IValidateOptions<DeliveryOptions>>(provider => new SubscriberRegistered(
                provider.GetRequiredService<IServiceProviderIsService>()));
        }

        return services;
    }

    private sealed class SubscriberRegistered(IServiceProviderIsService services) : IValidateOptions<DeliveryOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeliveryOptions options) =>
            services.IsService(typeof(ITopicSubscriber))
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Momento:Delivery is Subscription but no topic subscriber is registered: run with Momento:Mode " +
                    "Momento or Local, or set Momento:Delivery to Webhook.");
    }
}
