using System.Net;
using System.Text.Json;
using Azure;
using CourseComments.Secrets;
using CourseComments.Tests.Secrets;
using CourseComments.Tests.Support;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 10: a signing secret disabled in Key Vault stops being accepted once the cached copy
/// reaches its maximum age, and a failing vault is read less and less often.</summary>
public class SecretMaxAgeTests
{
    private const string Name = "webhook-signing-secret";

    private readonly FakeTimeProvider clock = new(TestApp.ClockStart);
    private readonly FakeVault vault = new();
    private readonly KeyVaultOptions options = new() { VaultUri = new Uri("https://test-vault.vault.azure.net/") };

    [Fact]
    public async Task A_secret_the_vault_no_longer_serves_is_refused_once_older_than_the_maximum_age()
    {
        vault.Add(Name, "secret-one", clock.GetUtcNow() - TimeSpan.FromDays(30));
        var source = CreateSource();
        await source.GetAsync(CancellationToken.None);

        vault.FailWith(
            new RequestFailedException(403, "Operation get is not allowed on a disabled secret.", "Forbidden", null));
        clock.Advance(KeyVaultOptions.MaxSecretAge - TimeSpan.FromSeconds(1));
        var justBefore = await source.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(
            () => source.GetAsync(CancellationToken.None).AsTask());

        Assert.Equal(["secret-one"], justBefore.Secrets);
        Assert.Equal(SecretSourceUnavailableException.Expired, failure.Reason);
        Assert.DoesNotContain("secret-one", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_vault_reads_back_off_exponentially_up_to_the_refresh_interval()
    {
        SynchronizationContext.SetSynchronizationContext(null); // so a retry's read runs inside Advance, on the timer
        vault.FailWith(new RequestFailedException(503, "Service unavailable"));
        var source = CreateSource();

        var readTimes = new List<TimeSpan>();
        var start = clock.GetUtcNow();
        var before = vault.SecretReads;
        for (var second = 0; second <= 20 * 60; second++)
        {
            // The first read when a caller asks, each retry's when its wait is over (within Advance).
            await Assert.ThrowsAsync<SecretSourceUnavailableException>(
                () => source.GetAsync(CancellationToken.None).AsTask());
            if (vault.SecretReads > before)
            {
                readTimes.Add(clock.GetUtcNow() - start);
                before = vault.SecretReads;
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Reads at 0, then 30 s, 60 s, 120 s, 240 s apart, then every 5 min (the refresh interval).
        var gaps = readTimes.Zip(readTimes.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        Assert.Equal([30, 60, 120, 240, 300, 300], gaps.Take(6));
    }

    [Fact]
    public async Task Over_HTTP_an_expired_secret_makes_deliveries_503_and_health_say_why()
    {
        vault.Add(Name, TestApp.Secret, clock.GetUtcNow() - TimeSpan.FromDays(30));
        var source = CreateSource();
        await source.GetAsync(CancellationToken.None);
        await using var app = await TestApp.StartAsync(
            configureServices: services => services.AddSingleton<ISigningSecretSource>(source));
        var accepted = await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock)));

        vault.FailWith(
            new RequestFailedException(403, "Operation get is not allowed on a disabled secret.", "Forbidden", null));
        clock.Advance(KeyVaultOptions.RefreshInterval);
        await source.GetAsync(CancellationToken.None);
        clock.Advance(KeyVaultOptions.MaxSecretAge);
        var refused = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "after expiry")));
        var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("expired", report.GetProperty("signingSecrets").GetString());
    }

    private KeyVaultSigningSecrets CreateSource() =>
        new(new KeyVaultSecretReader(vault.Client, clock), Options.Create(options), clock,
            NullLogger<KeyVaultSigningSecrets>.Instance);
}
