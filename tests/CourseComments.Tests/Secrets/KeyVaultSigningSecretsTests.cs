using Azure;
using Azure.Identity;
using CourseComments.Secrets;
using CourseComments.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseComments.Tests.Secrets;

public sealed class KeyVaultSigningSecretsTests
{
    private const string Name = "webhook-signing-secret";

    private readonly FakeTimeProvider clock = new(TestApp.ClockStart);
    private readonly FakeVault vault = new();
    private readonly KeyVaultOptions options = new() { VaultUri = new Uri("https://test-vault.vault.azure.net/") };

    private KeyVaultSigningSecrets CreateSource() =>
        new(new KeyVaultSecretReader(vault.Client, clock), Options.Create(options), clock,
            NullLogger<KeyVaultSigningSecrets>.Instance);

    [Fact]
    public async Task Reads_the_current_secret_once_and_serves_it_from_cache_until_the_refresh_interval()
    {
        vault.Add(Name, "secret-one", clock.GetUtcNow() - TimeSpan.FromDays(30));
        var source = CreateSource();

        var first = await source.GetAsync(CancellationToken.None);
        clock.Advance(KeyVaultOptions.RefreshInterval - TimeSpan.FromSeconds(1));
        var second = await source.GetAsync(CancellationToken.None);

        Assert.Equal(["secret-one"], first.Secrets);
        Assert.Same(first, second);
        Assert.Equal(1, vault.SecretReads);
    }

    [Fact]
    public async Task A_rotated_secret_is_accepted_after_the_refresh_interval_together_with_the_previous_version()
    {
        vault.Add(Name, "secret-one", clock.GetUtcNow() - TimeSpan.FromDays(30));
        var source = CreateSource();
        await source.GetAsync(CancellationToken.None);

        vault.Add(Name, "secret-two", clock.GetUtcNow());
        clock.Advance(KeyVaultOptions.RefreshInterval);
        var rotated = await source.GetAsync(CancellationToken.None);

        Assert.Equal(["secret-two", "secret-one"], rotated.Secrets);
        Assert.Equal("secret-two", rotated.Current);
    }

    [Fact]
    public async Task The_previous_version_is_no_longer_accepted_once_the_rotation_overlap_has_passed()
    {
        vault.Add(Name, "secret-one", clock.GetUtcNow() - TimeSpan.FromDays(30));
        vault.Add(Name, "secret-two", clock.GetUtcNow() - KeyVaultOptions.RotationOverlap);

        var secrets = await CreateSource().GetAsync(CancellationToken.None);

        Assert.Equal(["secret-two"], secrets.Secrets);
    }

    [Fact]
    public async Task Disabled_or_expired_older_versions_are_never_accepted()
    {
        var disabled = vault.Add(Name, "secret-disabled", clock.GetUtcNow() - TimeSpan.FromDays(2));
        disabled.Enabled = false;
        var expired = vault.Add(Name, "secret-expired", clock.GetUtcNow() - TimeSpan.FromDays(1));
        expired.ExpiresOn = clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        vault.Add(Name, "secret-current", clock.GetUtcNow());

        var secrets = await CreateSource().GetAsync(CancellationToken.None);

        Assert.Equal(["secret-current"], secrets.Secrets);
    }

    [Fact]
    public async Task The_newest_enabled_older_version_is_the_one_accepted_beside_the_current()
    {
        vault.Add(Name, "secret-oldest", clock.GetUtcNow() - TimeSpan.FromDays(60));
        vault.Add(Name, "secret-previous", clock.GetUtcNow() - TimeSpan.FromDays(30));
        vault.Add(Name, "secret-current", clock.GetUtcNow());

        var secrets = await CreateSource().GetAsync(CancellationToken.None);

        Assert.Equal(["secret-current", "secret-previous"], secrets.Secrets);
    }

    [Fact]
    public async Task A_vault_failure_with_nothing_cached_throws_an_exception_that_names_the_secret_but_no_secret_text()
    {
        vault.FailWith(
            new RequestFailedException(403, "Caller is not authorized; body echoed: hunter2", "Forbidden", null));

        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(
            () => CreateSource().GetAsync(CancellationToken.None).AsTask());

        Assert.Contains(Name, failure.Message);
        Assert.Contains("403", failure.Message);
        Assert.DoesNotContain("hunter2", failure.Message);
    }

    [Fact]
    public async Task A_credential_failure_is_reported_as_the_secret_source_being_unavailable()
    {
        vault.FailWith(new CredentialUnavailableException("No managed identity endpoint found."));

        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(
            () => CreateSource().GetAsync(CancellationToken.None).AsTask());

        Assert.IsType<CredentialUnavailableException>(failure.InnerException);
    }

    [Fact]
    public async Task An_empty_secret_is_refused_rather_than_used_as_an_empty_hmac_key()
    {
        vault.Add(Name, "", clock.GetUtcNow() - TimeSpan.FromDays(30));

        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(
            () => CreateSource().GetAsync(CancellationToken.None).AsTask());

        Assert.Contains("empty", failure.Message);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_serving_the_last_good_secrets_and_retries_after_the_failure_interval()
    {
        SynchronizationContext.SetSynchronizationContext(null); // so a retry's read runs inside Advance, on the timer
        vault.Add(Name, "secret-one", clock.GetUtcNow() - TimeSpan.FromDays(30));
        var source = CreateSource();
        await source.GetAsync(CancellationToken.None);

        vault.FailWith(new RequestFailedException(503, "Service unavailable"));
        clock.Advance(KeyVaultOptions.RefreshInterval);
        var duringOutage = await source.GetAsync(CancellationToken.None);
        var readsAfterFailure = vault.SecretReads;
        clock.Advance(KeyVaultOptions.RetryAfterFailure - TimeSpan.FromSeconds(1));
        await source.GetAsync(CancellationToken.None);
        var readsBeforeRetry = vault.SecretReads;
        clock.Advance(TimeSpan.FromSeconds(1));
        await source.GetAsync(CancellationToken.None);

        Assert.Equal(["secret-one"], duringOutage.Secrets);
        Assert.Equal(2, readsAfterFailure);
        Assert.Equal(readsAfterFailure, readsBeforeRetry);
        Assert.Equal(3, vault.SecretReads);
    }

    [Fact]
    public async Task A_read_that_outlasts_the_timeout_fails_with_the_secret_source_unavailable()
    {
        vault.Hang();
        var pending = CreateSource().GetAsync(CancellationToken.None).AsTask();

        Assert.False(pending.IsCompleted);
        clock.Advance(KeyVaultOptions.ReadTimeout);
        var failure = await Assert.ThrowsAsync<SecretSourceUnavailableException>(() => pending);

        Assert.Contains("not read within", failure.Message);
    }

    [Fact]
    public async Task Callers_holding_a_cached_value_do_not_wait_for_a_slow_refresh()
    {
        vault.Add(Name, "secret-one", clock.GetUtcNow() - TimeSpan.FromDays(30));
        var source = CreateSource();
        await source.GetAsync(CancellationToken.None);

        vault.Hang();
        clock.Advance(KeyVaultOptions.RefreshInterval);
        var whileRefreshing = source.GetAsync(CancellationToken.None);

        Assert.True(whileRefreshing.IsCompletedSuccessfully);
        Assert.Equal(["secret-one"], (await whileRefreshing).Secrets);
    }

    [Fact]
    public async Task Concurrent_first_reads_share_one_vault_read()
    {
        vault.Hang();
        var source = CreateSource();

        var first = source.GetAsync(CancellationToken.None).AsTask();
        var second = source.GetAsync(CancellationToken.None).AsTask();
        clock.Advance(KeyVaultOptions.ReadTimeout);

        await Assert.ThrowsAsync<SecretSourceUnavailableException>(() => first);
        await Assert.ThrowsAsync<SecretSourceUnavailableException>(() => second);
        Assert.Equal(1, vault.SecretReads);
    }
}
