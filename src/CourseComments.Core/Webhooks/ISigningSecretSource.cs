namespace CourseComments.Webhooks;

/// <summary>Where the accepted signing secrets come from: configuration locally, Key Vault in Azure.</summary>
public interface ISigningSecretSource
{
    /// <exception cref="SecretSourceUnavailableException">The secrets cannot be read right now.</exception>
    ValueTask<SigningSecrets> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The secret source failed; the message names what failed, never a secret.</summary>
public sealed class SecretSourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
