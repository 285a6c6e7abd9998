using System.Net;
using System.Text.Json;
using CourseComments.Tests.Support;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NSubstitute;

namespace CourseComments.Tests.Faults;

/// <summary>
/// The signing-secret source (Key Vault in Azure) failing: deliveries get a clear 503, the health endpoint reports
/// the secrets unavailable, and neither an answer nor a log line carries a secret or the failure's internals.
/// </summary>
public class SecretSourceFaultTests
{
    private const string VaultFailure =
        "Key Vault secret 'webhook-signing-secret' could not be read: 403 Forbidden from myvault.vault.azure.net";

    [Fact]
    public async Task A_failing_secret_source_gives_a_clear_503_reported_by_health_and_no_secret_anywhere()
    {
        var available = true;
        var source = Substitute.For<ISigningSecretSource>();
        source.GetAsync(Arg.Any<CancellationToken>()).Returns(_ => available
            ? ValueTask.FromResult(new SigningSecrets([TestApp.Secret]))
            : throw new SecretSourceUnavailableException(VaultFailure, new HttpRequestException("403 Forbidden")));
        var logs = new FakeLogCollector();
        await using var app = await TestApp.StartAsync(configureServices: services =>
        {
            services.AddSingleton(source);
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
        });

        available = false;
        using var delivery = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, "vault", "while down")));
        using var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, delivery.StatusCode);
        Assert.Equal("application/problem+json", delivery.Content.Headers.ContentType?.MediaType);
        var problem = await delivery.Content.ReadAsStringAsync();
        Assert.Contains("cannot verify deliveries", problem);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("unavailable", report.RootElement.GetProperty("signingSecrets").GetString());
        foreach (var text in new[] { problem, report.RootElement.GetRawText() })
        {
            Assert.DoesNotContain(TestApp.Secret, text);
            Assert.DoesNotContain("vault", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Forbidden", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(logs.Lines(), line => line.StartsWith("Error:", StringComparison.Ordinal)
            && line.Contains("signing secrets are unavailable"));
        Assert.DoesNotContain(logs.Lines(), line => line.Contains(TestApp.Secret, StringComparison.Ordinal));
        Assert.Equal(0, (await WebhookRequests.CommentsAsync(app.Client, "vault")).GetArrayLength());

        // Once the source recovers, so does everything else.
        available = true;
        using var recovered = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, "vault", "after")));
        using var healthy = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }
}
