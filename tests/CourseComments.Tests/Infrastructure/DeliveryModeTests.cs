using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Issue 13: how comments reach the store decides whether the app may scale to zero. In Subscription mode
/// an instance must stay up to hold the topic subscription; in Webhook mode Momento's call wakes the app.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class DeliveryModeTests(CompiledInfrastructure infrastructure)
{
    private static JsonArray AlwaysReady(DeploymentSnapshot deployment) =>
        deployment.Site.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady").AsArray();

    [Fact]
    public void Subscription_is_the_default_and_Webhook_the_alternative()
    {
        var parameter = infrastructure.Template.Parameters.At("deliveryMode");
        Assert.Equal("Subscription", parameter.StringAt("defaultValue"));
        Assert.Equal(["Subscription", "Webhook"], parameter.StringsAt("allowedValues"));
    }

    [Fact]
    public void The_app_is_told_the_mode()
    {
        Assert.Equal("Subscription", infrastructure.Production.AppSettings["Momento__Delivery"]);
        Assert.Equal("Webhook", infrastructure.DevWebhook.AppSettings["Momento__Delivery"]);
    }

    [Fact]
    public void Subscription_mode_keeps_the_configured_http_instances_always_ready()
    {
        // The production parameters ask for 2 (no gap while the platform recycles one).
        var group = Assert.Single(AlwaysReady(infrastructure.Production))!;
        Assert.Equal("http", group.StringAt("name"));
        Assert.Equal(2, group.At("instanceCount").GetValue<int>());
    }

    [Fact]
    public void One_always_ready_instance_by_default()
    {
        var parameter = infrastructure.Template.Parameters.At("alwaysReadyInstances");
        Assert.Equal(1, parameter.At("defaultValue").GetValue<int>());
        Assert.Equal(1, parameter.At("minValue").GetValue<int>());
    }

    [Fact]
    public void Webhook_mode_keeps_nothing_always_ready()
    {
        // Asked for 2 there too: the mode wins, and an idle webhook-only app costs nothing.
        Assert.Equal(2, CompiledInfrastructure.DevWebhookParameters["alwaysReadyInstances"]);
        Assert.Empty(AlwaysReady(infrastructure.DevWebhook));
    }
}
