using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using CourseComments.Webhooks;

namespace CourseComments.Secrets;

/// <summary>
/// Runs reads against the vault within <see cref="KeyVaultOptions.ReadTimeout"/> and turns every way they fail into
/// <see cref="SecretSourceUnavailableException"/>, whose message names the secret and the failure, never a value.
/// </summary>
internal sealed class KeyVaultSecretReader(SecretClient client, TimeProvider time)
{
    public async Task<T> ReadAsync<T>(
        string secretName, Func<SecretClient, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var timeout = KeyVaultOptions.ReadTimeout;
        using var budget = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await read(client, linked.Token);
        }
        catch (OperationCanceledException ex)
            when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretSourceUnavailableException(
                $"Key Vault secret '{secretName}' was not read within {timeout}.", ex);
        }
        catch (RequestFailedException ex)
        {
            throw new SecretSourceUnavailableException(
                $"Key Vault refused to read secret '{secretName}' "
                + $"(HTTP {ex.Status}, {ex.ErrorCode ?? "no error code"}).",
                ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new SecretSourceUnavailableException(
                $"No credential could sign in to Key Vault to read secret '{secretName}'.", ex);
        }
    }

    /// <summary>A secret's value, refusing an empty one (an HMAC key or API key cannot be empty).</summary>
    public static string RequireValue(KeyVaultSecret secret) =>
        string.IsNullOrEmpty(secret.Value)
            ? throw new SecretSourceUnavailableException(
                $"Key Vault secret '{secret.Name}' (version {secret.Properties.Version}) is empty.")
            : secret.Value;
}
