using System.Net;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Tests.Platform;

public class StartupTests
{
    [Fact]
    public async Task Local_mode_refuses_to_start_in_Azure()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            environment: new Dictionary<string, string> { ["WEBSITE_INSTANCE_ID"] = "abc123" }));

        Assert.Contains("set Momento:Mode to Momento", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhook:MaxCommentLength", "0")]
    [InlineData("Intake:MaxCommentsPerAuthor", "0")]
    [InlineData("Comments:MaxPerCourse", "0")]
    [InlineData("Delivery:Subscribers", "3")]
    [InlineData("Momento:CacheName", "bad name")]
    public async Task Invalid_options_stop_the_app_at_start_up(string key, string value)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestApp.StartAsync(new Dictionary<string, string?> { [key] = value }));
    }

    [Fact]
    public async Task Fixed_values_are_not_read_from_configuration()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Webhook:ResponseBudget"] = "00:00:01",
            ["Delivery:LeaseTtl"] = "00:00:01",
            ["Delivery:Subscribers"] = "1", // a setting beside them, which is read
            ["Tokens:MaxCachedUsers"] = "1",
            ["Comments:Ttl"] = "01:00:00",
        });

        Assert.Equal(TimeSpan.FromSeconds(4), Options<WebhookOptions>(app).ResponseBudget);
        Assert.Equal(TimeSpan.FromSeconds(15), Options<DeliveryOptions>(app).LeaseTtl);
        Assert.Equal(1, Options<DeliveryOptions>(app).Subscribers);
        Assert.Equal(10_000, Options<TokenOptions>(app).MaxCachedUsers);
        Assert.Equal(TimeSpan.FromHours(24), Options<CommentsOptions>(app).Ttl);
    }

    [Fact]
    public async Task Local_mode_without_a_configured_secret_generates_a_random_one_per_process()
    {
        var noSecret = new Dictionary<string, string?> { ["Webhook:SigningSecrets:0"] = null };
        await using var first = await TestApp.StartAsync(noSecret);
        await using var second = await TestApp.StartAsync(noSecret);

        var firstSecret = (await first.Services.GetSigningSecretsAsync()).Current;
        var secondSecret = (await second.Services.GetSigningSecretsAsync()).Current;

        Assert.NotEqual(firstSecret, secondSecret);
        Assert.True(Convert.FromBase64String(firstSecret).Length >= 32);
        var signed = await first.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(first.Clock), firstSecret));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var withOther = await first.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(first.Clock), secondSecret));
        Assert.Equal(HttpStatusCode.Forbidden, withOther.StatusCode);
    }

    [Fact]
    public async Task Health_reports_healthy_with_the_mode()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("Local", health.GetProperty("mode").GetString());
    }

    private static T Options<T>(TestApp app)
        where T : class => app.Services.GetRequiredService<IOptions<T>>().Value;
}
