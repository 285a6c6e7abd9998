using System.Net;
using Azure;
using Azure.Identity;
using CourseComments.Platform;
using CourseComments.Secrets;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Tests.Secrets;

/// <summary>Momento mode's secret wiring in the whole app: the webhook and health endpoints over HTTP.</summary>
public sealed class KeyVaultSecretsOverHttpTests
{
    private const string Name = "webhook-signing-secret";

    private readonly FakeVault vault = new();

    private Task<TestApp> StartAsync(string? vaultUri = "https://test-vault.vault.azure.net/") =>
        TestApp.StartAsync(configureServices: services =>
        {
            services.AddKeyVaultSecrets(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["KeyVault:VaultUri"] = vaultUri })
                .Build());
            services.AddSingleton(vault.Client);
        });

    [Fact]
    public async Task The_webhook_verifies_with_the_vault_secret_and_accepts_a_rotated_one_without_a_restart()
    {
        // In the vault before the app starts: its warm-up read runs in the background right after start-up.
        vault.Add(Name, "vault-secret-one", TestApp.ClockStart - TimeSpan.FromDays(30));
        await using var app = await StartAsync();

        var withVaultSecret = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock), "vault-secret-one"));
        var withConfiguredSecret = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock), TestApp.Secret));

        vault.Add(Name, "vault-secret-two", app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var withRotatedSecret = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock), "vault-secret-two"));
        var withPreviousSecret = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock), "vault-secret-one"));

        Assert.Equal(HttpStatusCode.OK, withVaultSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withConfiguredSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withRotatedSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withPreviousSecret.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_vault_makes_the_webhook_and_health_answer_503_without_details()
    {
        vault.FailWith(new RequestFailedException(403, "Caller lacks the Key Vault Secrets User role"));
        await using var app = await StartAsync();

        var webhook = await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock), "anything"));
        var health = await app.Client.GetAsync("/api/health");
        var webhookBody = await webhook.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.DoesNotContain("Key Vault", webhookBody);
        Assert.DoesNotContain(Name, webhookBody);
    }

    [Fact]
    public async Task Both_secrets_are_read_in_the_background_right_after_start_up()
    {
        vault.Add(Name, "vault-secret-one", DateTimeOffset.UtcNow - TimeSpan.FromDays(30));
        vault.Add("momento-api-key", "the-api-key", DateTimeOffset.UtcNow - TimeSpan.FromDays(30));
        await using var app = await StartAsync();

        // No request is sent: the reads are the warm-up's. Bounded wait for the background work, not a timing check.
        for (var attempt = 0; attempt < 100 && vault.SecretReads < 2; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, vault.SecretReads);
        Assert.Equal("the-api-key", await app.Services.GetRequiredService<IMomentoApiKeySource>()
            .GetAsync(CancellationToken.None));
        var delivery = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock), "vault-secret-one"));
        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        Assert.Equal(2, vault.SecretReads);
    }

    [Fact]
    public async Task Start_up_fails_when_the_vault_uri_is_missing()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(vaultUri: null));

        Assert.Contains(nameof(KeyVaultOptions.VaultUri), failure.Message);
    }

    [Fact]
    public void In_Azure_the_vault_is_reached_with_the_user_assigned_managed_identity_only()
    {
        var azure = new AzurePlatform(name => name == "WEBSITE_INSTANCE_ID" ? "instance-1" : null);

        var credential = KeyVaultSecretsFeature.CreateCredential(azure, "00000000-0000-0000-0000-000000000001");

        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Fact]
    public void Outside_Azure_the_developers_own_sign_in_is_used()
    {
        var local = new AzurePlatform(_ => null);

        var credential = KeyVaultSecretsFeature.CreateCredential(local, null);

        Assert.IsType<DefaultAzureCredential>(credential);
    }
}
