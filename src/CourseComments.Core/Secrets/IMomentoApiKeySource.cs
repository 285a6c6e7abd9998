namespace CourseComments.Secrets;

/// <summary>The Momento API key the Momento.Sdk clients are built with; read once, when first needed.</summary>
public interface IMomentoApiKeySource
{
    /// <exception cref="Webhooks.SecretSourceUnavailableException">The key cannot be read right now.</exception>
    ValueTask<string> GetAsync(CancellationToken cancellationToken);
}
