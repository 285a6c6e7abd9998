using CourseComments.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Secrets;

/// <summary>
/// The webhook signing secrets from Key Vault, read on first use (start-up never waits; <see cref="SecretsWarmUp"/>
/// makes that first use right after it, in the background), cached for <see cref="KeyVaultOptions.RefreshInterval"/>
/// and re-read so a rotated secret is accepted without a restart. Accepted: the current version, plus the newest
/// older enabled version while the current one is younger than <see cref="KeyVaultOptions.RotationOverlap"/>.
/// One refresh runs at a time, and callers wait at most for its first read: a failed read is retried in the
/// background (<see cref="KeyVaultReadRetry"/>) while callers get the last good secrets until they are
/// <see cref="KeyVaultOptions.MaxSecretAge"/> old, else the last failure, without a vault read.
/// </summary>
internal sealed class KeyVaultSigningSecrets(
    KeyVaultSecretReader reader,
    IOptions<KeyVaultOptions> options,
    TimeProvider time,
    ILogger<KeyVaultSigningSecrets> logger) : ISigningSecretSource, IDisposable
{
    private readonly string secretName = options.Value.SigningSecretName;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private SigningSecrets? lastGood;
    private DateTimeOffset lastGoodReadAt;
    private DateTimeOffset refreshDueAt;
    private SecretSourceUnavailableException? lastFailure;
    private bool refreshing;

    // The outcome of the current (or last) refresh's first read: what callers with nothing usable wait for.
    private TaskCompletionSource<SigningSecrets> firstRead = new();

    public ValueTask<SigningSecrets> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<SigningSecrets>? started = null;
        lock (gate)
        {
            if (!refreshing && time.GetUtcNow() >= refreshDueAt)
            {
                refreshing = true;
                started = firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (started is not null)
        {
            _ = RefreshAsync(started); // outside the lock: a read that fails or succeeds at once completes here
        }

        Task<SigningSecrets> pending;
        lock (gate)
        {
            if (UsableLastGood() is { } usable)
            {
                return ValueTask.FromResult(usable);
            }

            if (lastFailure is not null && firstRead.Task.IsCompleted)
            {
                // Retrying in the background: the last failure, without a vault read.
                return ValueTask.FromException<SigningSecrets>(lastGood is null ? lastFailure : Expired(lastFailure));
            }

            pending = firstRead.Task;
        }

        return new ValueTask<SigningSecrets>(pending.WaitAsync(cancellationToken));
    }

    /// <summary>Stops a refresh still retrying. The token source is not disposed: a caller racing the shutdown may
    /// still start a refresh, which then ends at once.</summary>
    public void Dispose() => stopping.Cancel();

    /// <summary>Under the lock: the last good secrets while younger than the maximum age.</summary>
    private SigningSecrets? UsableLastGood() =>
        lastGood is not null && time.GetUtcNow() - lastGoodReadAt <= KeyVaultOptions.MaxSecretAge ? lastGood : null;

    /// <summary>Reads until a read succeeds or the app stops; never throws, since a refresh belongs to no single
    /// caller.</summary>
    private async Task RefreshAsync(TaskCompletionSource<SigningSecrets> first)
    {
        try
        {
            var retry = KeyVaultReadRetry.Build(time, stopping.Token, OnReadFailed);
            var secrets = await retry.ExecuteAsync(
                async ct => new SigningSecrets(await reader.ReadAsync(
                    secretName,
                    (client, read) => SigningSecretVersions.ReadAcceptedAsync(client, secretName, time, read),
                    ct)),
                stopping.Token);
            lock (gate)
            {
                lastGood = secrets;
                lastGoodReadAt = time.GetUtcNow();
                refreshDueAt = lastGoodReadAt + KeyVaultOptions.RefreshInterval;
                lastFailure = null;
                refreshing = false;
            }

            SecretsLog.Refreshed(logger, secretName, secrets.Secrets.Count);
            first.TrySetResult(secrets);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            first.TrySetCanceled();
        }
    }

    /// <summary>Each failed read (Polly's <c>OnRetry</c>): the failure is what callers with nothing usable get until
    /// a read succeeds; callers waiting for the first read are released with the last good secrets or it.</summary>
    private void OnReadFailed(Exception exception, TimeSpan wait)
    {
        var cause = exception as SecretSourceUnavailableException
            ?? new SecretSourceUnavailableException($"Reading Key Vault secret '{secretName}' failed.", exception);
        SigningSecrets? fallback;
        bool expired;
        TaskCompletionSource<SigningSecrets> first;
        lock (gate)
        {
            fallback = UsableLastGood();
            expired = lastGood is not null && fallback is null;
            lastFailure = cause;
            first = firstRead;
        }

        var failure = expired ? Expired(cause) : cause;
        SecretsLog.RefreshFailed(logger, secretName, fallback is not null, expired, wait, failure);
        if (fallback is not null)
        {
            first.TrySetResult(fallback);
        }
        else
        {
            first.TrySetException(failure);
        }
    }

    private SecretSourceUnavailableException Expired(Exception cause) => new(
        $"Reading Key Vault secret '{secretName}' failed and the last good value is older than "
        + $"{KeyVaultOptions.MaxSecretAge}.",
        cause,
        SecretSourceUnavailableException.Expired);
}
