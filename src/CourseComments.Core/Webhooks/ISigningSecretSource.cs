namespace CourseComments.Webhooks;

/// <summary>Where the accepted signing secrets come from: configuration locally, Key Vault in Azure.</summary>
public interface ISigningSecretSource
{
    /// <exception cref="SecretSourceUnavailableException">The secrets cannot be read right now.</exception>
    ValueTask<SigningSecrets> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The secret source failed; the message names what failed, never a secret.</summary>
/// <param name="reason"><see cref="Unavailable"/>, or <see cref="Expired"/> when the last good secrets outlived
/// their maximum age while the source kept failing. Health reports it.</param>
public sealed class SecretSourceUnavailableException(
    string message, Exception? inner = null, string reason = SecretSourceUnavailableException.Unavailable)
    : Exception(message, inner)
{
    public const string Unavailable = "unavailable";
    public const string Expired = "expired";

    public string Reason { get; } = reason;
}
