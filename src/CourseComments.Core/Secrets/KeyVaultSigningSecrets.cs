using Azure.Security.KeyVault.Secrets;
using CourseComments.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Secrets;

/// <summary>
/// The webhook signing secrets from Key Vault, read on first use (start-up never waits; <see cref="SecretsWarmUp"/>
/// makes that first use right after it, in the background), cached for
/// <see cref="KeyVaultOptions.RefreshInterval"/> and re-read so a rotated secret is accepted without a restart.
/// Accepted: the current version, plus the newest older enabled version while the current one is younger than
/// <see cref="KeyVaultOptions.RotationOverlap"/>. One read is in flight at a time; callers holding a cached value
/// never wait for it. A failed refresh keeps serving the last good secrets until they are
/// <see cref="KeyVaultOptions.MaxSecretAge"/> old, and the vault is asked again after
/// <see cref="KeyVaultOptions.RetryAfterFailure"/>, doubled after each further consecutive failure (at most
/// <see cref="KeyVaultOptions.RefreshInterval"/>), so a failing vault is not hammered.
/// </summary>
internal sealed partial class KeyVaultSigningSecrets(
    KeyVaultSecretReader reader,
    IOptions<KeyVaultOptions> options,
    TimeProvider time,
    ILogger<KeyVaultSigningSecrets> logger) : ISigningSecretSource
{
    private readonly KeyVaultOptions settings = options.Value;
    private readonly Lock gate = new();
    private SigningSecrets? lastGood;
    private DateTimeOffset lastGoodReadAt;
    private DateTimeOffset refreshDueAt;
    private int consecutiveFailures;
    private SecretSourceUnavailableException? lastFailure;
    private Task<SigningSecrets>? refreshing;

    public ValueTask<SigningSecrets> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<SigningSecrets>? started = null;
        SigningSecrets? usable;
        Task<SigningSecrets> pending;
        lock (gate)
        {
            usable = UsableLastGood();
            if (time.GetUtcNow() < refreshDueAt)
            {
                // Not due: the cached secrets, or (nothing usable, backing off) the last failure without a vault read.
                if (usable is not null)
                {
                    return ValueTask.FromResult(usable);
                }

                if (lastFailure is not null && refreshing is null)
                {
                    var failure = lastGood is null ? lastFailure : ExpiredFailure(lastFailure);
                    return ValueTask.FromException<SigningSecrets>(failure);
                }
            }

            if (refreshing is null)
            {
                started = new TaskCompletionSource<SigningSecrets>(TaskCreationOptions.RunContinuationsAsynchronously);
                refreshing = started.Task;
            }

            pending = refreshing;
        }

        if (started is not null)
        {
            _ = RefreshAsync(started);
        }

        if (pending.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(pending.Result);
        }

        return usable is not null
            ? ValueTask.FromResult(usable)
            : new ValueTask<SigningSecrets>(pending.WaitAsync(cancellationToken));
    }

    /// <summary>Under the lock: the last good secrets while younger than the maximum age.</summary>
    private SigningSecrets? UsableLastGood() =>
        lastGood is not null && time.GetUtcNow() - lastGoodReadAt <= settings.MaxSecretAge ? lastGood : null;

    /// <summary>Completes <paramref name="result"/> and never throws: a shared refresh belongs to no single caller.</summary>
    private async Task RefreshAsync(TaskCompletionSource<SigningSecrets> result)
    {
        try
        {
            var secrets = new SigningSecrets(
                await reader.ReadAsync(settings.SigningSecretName, ReadAcceptedAsync, CancellationToken.None));
            lock (gate)
            {
                lastGood = secrets;
                lastGoodReadAt = time.GetUtcNow();
                refreshDueAt = lastGoodReadAt + settings.RefreshInterval;
                consecutiveFailures = 0;
                lastFailure = null;
                refreshing = null;
            }

            Refreshed(logger, settings.SigningSecretName, secrets.Secrets.Count);
            result.SetResult(secrets);
        }
        catch (Exception ex)
        {
            SigningSecrets? fallback;
            bool expired;
            TimeSpan wait;
            lock (gate)
            {
                fallback = UsableLastGood();
                expired = lastGood is not null && fallback is null;
                consecutiveFailures++;
                wait = Backoff(consecutiveFailures);
                refreshDueAt = time.GetUtcNow() + wait;
                refreshing = null;
            }

            var failure = ex as SecretSourceUnavailableException
                ?? new SecretSourceUnavailableException($"Reading Key Vault secret '{settings.SigningSecretName}' failed.", ex);
            if (expired)
            {
                failure = ExpiredFailure(failure);
            }

            lock (gate)
            {
                lastFailure = failure;
            }

            RefreshFailed(logger, settings.SigningSecretName, fallback is not null, expired, wait, failure);
            if (fallback is not null)
            {
                result.SetResult(fallback);
            }
            else
            {
                result.SetException(failure);
            }
        }
    }

    private SecretSourceUnavailableException ExpiredFailure(Exception cause) => new(
        $"Reading Key Vault secret '{settings.SigningSecretName}' failed and the last good value is older than "
        + $"{settings.MaxSecretAge}.",
        cause,
        SecretSourceUnavailableException.Expired);

    // RetryAfterFailure × 2^(failures − 1), at most RefreshInterval.
    private TimeSpan Backoff(int failures)
    {
        var doubled = settings.RetryAfterFailure * Math.Pow(2, Math.Min(failures - 1, 20));
        return doubled < settings.RefreshInterval ? doubled : settings.RefreshInterval;
    }

    private async Task<IReadOnlyList<string>> ReadAcceptedAsync(SecretClient client, CancellationToken cancellationToken)
    {
        var name = settings.SigningSecretName;
        KeyVaultSecret current = await client.GetSecretAsync(name, null, cancellationToken);
        var accepted = new List<string> { KeyVaultSecretReader.RequireValue(current) };

        var createdOn = current.Properties.CreatedOn;
        if (createdOn is null || time.GetUtcNow() - createdOn >= settings.RotationOverlap)
        {
            return accepted;
        }

        SecretProperties? previous = null;
        await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken))
        {
            if (IsUsablePredecessor(version, current.Properties) && (previous is null || version.CreatedOn > previous.CreatedOn))
            {
                previous = version;
            }
        }

        if (previous is not null)
        {
            KeyVaultSecret older = await client.GetSecretAsync(name, previous.Version, cancellationToken);
            accepted.Add(KeyVaultSecretReader.RequireValue(older));
        }

        return accepted;
    }

    private bool IsUsablePredecessor(SecretProperties version, SecretProperties current)
    {
        var now = time.GetUtcNow();
        return version.Enabled == true
            && version.Version != current.Version
            && version.CreatedOn < current.CreatedOn
            && (version.ExpiresOn is null || version.ExpiresOn > now)
            && (version.NotBefore is null || version.NotBefore <= now);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Read Key Vault secret {SecretName}: {Count} version(s) accepted for webhook signatures")]
    private static partial void Refreshed(ILogger logger, string secretName, int count);

    [LoggerMessage(
        EventId = 4001,
        Level = LogLevel.Error,
        Message = "Reading Key Vault secret {SecretName} failed (serving the last good value: {ServingLastGood}; "
            + "last good value expired: {Expired}; next read in {Wait})")]
    private static partial void RefreshFailed(
        ILogger logger, string secretName, bool servingLastGood, bool expired, TimeSpan wait, Exception exception);
}
