using Azure;
using CourseComments.Secrets;
using CourseComments.Tests.Support;
using CourseComments.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseComments.Tests.Secrets;

public sealed class KeyVaultMomentoApiKeyTests
{
    private readonly FakeTimeProvider clock = new(TestApp.ClockStart);
    private readonly FakeVault vault = new();
    private readonly KeyVaultOptions options = new() { VaultUri = new Uri("https://test-vault.vault.azure.net/") };

    private KeyVaultMomentoApiKey CreateSource() =>
        new(new KeyVaultSecretReader(vault.Client, clock), Options.Create(options));

    [Fact]
    public async Task Reads_the_configured_secret_once_and_keeps_it()
    {
        options.MomentoApiKeySecretName = "my-momento-key";
        vault.Add("my-momento-key", "the-api-key", clock.GetUtcNow());
        using var source = CreateSource();

        var first = await source.GetAsync(CancellationToken.None);
        var second = await source.GetAsync(CancellationToken.None);

        Assert.Equal("the-api-key", first);
        Assert.Equal("the-api-key", second);
        Assert.Equal(1, vault.SecretReads);
    }

    [Fact]
    public async Task A_missing_secret_fails_without_caching_the_failure()
    {
        using var source = CreateSource();

        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(
            () => source.GetAsync(CancellationToken.None).AsTask());
        vault.Add(options.MomentoApiKeySecretName, "the-api-key", clock.GetUtcNow());
        var later = await source.GetAsync(CancellationToken.None);

        Assert.Contains("404", failure.Message);
        Assert.Equal("the-api-key", later);
    }

    [Fact]
    public async Task A_vault_error_message_is_not_copied_into_the_exception()
    {
        vault.FailWith(new RequestFailedException(500, "echo: the-api-key"));
        using var source = CreateSource();

        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(
            () => source.GetAsync(CancellationToken.None).AsTask());

        Assert.DoesNotContain("the-api-key", failure.Message);
        Assert.Contains(options.MomentoApiKeySecretName, failure.Message);
    }
}
