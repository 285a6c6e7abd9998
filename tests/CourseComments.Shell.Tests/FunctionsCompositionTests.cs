using CourseComments.Comments;
using CourseComments.Functions;
using CourseComments.Momento;
using CourseComments.Platform;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CourseComments.Shell.Tests;

/// <summary>The Functions app's services as Program.cs composes them, per mode and platform.</summary>
public sealed class FunctionsCompositionTests
{
    private static readonly AzurePlatform Local = new(_ => null);
    private static readonly AzurePlatform Azure = new(name => name == "WEBSITE_INSTANCE_ID" ? "instance-1" : null);

    private static readonly Dictionary<string, string?> MomentoMode = MomentoModeSettings.Create();

    [Fact]
    public void Momento_mode_uses_the_momento_adapters_and_key_vault_secrets()
    {
        using var services = Compose(MomentoMode, Local);

        Assert.IsType<MomentoCommentStore>(services.GetRequiredService<ICommentStore>());
        Assert.IsType<MomentoTokenMinter>(services.GetRequiredService<ITokenMinter>());
        Assert.Equal("KeyVaultSigningSecrets", services.GetRequiredService<ISigningSecretSource>().GetType().Name);
    }

    [Fact]
    public void Local_mode_uses_the_same_momento_adapters_against_the_emulator_and_configured_secrets()
    {
        using var services = Compose(
            new() { ["Momento:Mode"] = "Local", ["Momento:LocalEndpoint"] = "127.0.0.1:7399" }, Local);

        Assert.IsType<MomentoCommentStore>(services.GetRequiredService<ICommentStore>());
        Assert.IsType<MomentoTokenMinter>(services.GetRequiredService<ITokenMinter>());
        Assert.IsType<ConfiguredSigningSecrets>(services.GetRequiredService<ISigningSecretSource>());
        Assert.Equal(("127.0.0.1", 7399), (services.GetRequiredService<IOptions<MomentoOptions>>().Value.LocalHost,
            services.GetRequiredService<IOptions<MomentoOptions>>().Value.LocalPort));
    }

    [Fact]
    public void Local_mode_is_refused_in_Azure()
    {
        using var services = Compose(new() { ["Momento:Mode"] = "Local" }, Azure);

        var failure = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<MomentoOptions>>().Value);

        Assert.Contains("runs in Azure", failure.Message);
    }

    [Fact]
    public void In_Azure_missing_app_settings_stop_start_up_naming_them_and_no_values()
    {
        var settings = new Dictionary<string, string?>(MomentoMode)
        {
            ["AZURE_CLIENT_ID"] = null,
            ["KeyVault:SigningSecretName"] = "",
        };
        using var services = Compose(settings, Azure);

        var failure = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<MomentoOptions>>().Value);

        Assert.Contains("KeyVault__SigningSecretName, AZURE_CLIENT_ID", failure.Message);
        Assert.DoesNotContain("APPLICATIONINSIGHTS_CONNECTION_STRING", failure.Message);
        Assert.DoesNotContain("value-that-must-not-leak", failure.Message);
    }

    [Fact]
    public void In_Azure_with_every_app_setting_the_options_validate()
    {
        using var services = Compose(MomentoMode, Azure);

        Assert.Equal(CourseComments.Platform.MomentoMode.Momento,
            services.GetRequiredService<IOptions<MomentoOptions>>().Value.Mode);
    }

    [Theory]
    [InlineData("Momento")]
    [InlineData("Local")]
    public void Every_function_can_be_activated_in_either_mode(string mode)
    {
        using var services = Compose(new Dictionary<string, string?>(MomentoMode) { ["Momento:Mode"] = mode }, Local);

        foreach (var function in new[]
        {
            typeof(WebhookFunction), typeof(TokenIssuerFunction), typeof(ReadCommentsFunction),
            typeof(HealthFunction), typeof(BrowserClientFunction),
        })
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(services, function));
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Subscription", true)]
    [InlineData("Webhook", false)]
    public void The_topic_subscriber_runs_in_subscription_mode_only_over_the_momento_sdk_adapter(string? delivery,
        bool runs)
    {
        using var services = Compose(
            new Dictionary<string, string?>(MomentoMode) { ["Momento:Delivery"] = delivery }, Local);

        var hosted = services.GetServices<IHostedService>().Select(service => service.GetType().Name).ToArray();

        Assert.Equal(runs, hosted.Contains("SubscriptionService"));
        Assert.IsType<MomentoTopicSubscriber>(services.GetRequiredService<CourseComments.Delivery.ITopicSubscriber>());
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings, AzurePlatform platform)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCourseCommentsFunctions(configuration);
        services.AddSingleton(platform);
        return services.BuildServiceProvider(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
