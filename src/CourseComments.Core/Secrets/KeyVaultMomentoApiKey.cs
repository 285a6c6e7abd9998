using CourseComments.Platform;
using Microsoft.Extensions.Options;

namespace CourseComments.Secrets;

/// <summary>
/// The Momento API key from Key Vault, read when the first Momento client is built and then kept: the clients live
/// for the process, so a rotated key takes effect on the next start. A failed read is retried by the next caller.
/// </summary>
internal sealed class KeyVaultMomentoApiKey : IMomentoApiKeySource, IDisposable
{
    private readonly BuiltOnFirstUse<string> apiKey;

    public KeyVaultMomentoApiKey(KeyVaultSecretReader reader, IOptions<KeyVaultOptions> options)
    {
        var name = options.Value.MomentoApiKeySecretName;
        apiKey = new(async cancellationToken => KeyVaultSecretReader.RequireValue(await reader.ReadAsync(
            name, async (client, ct) => (await client.GetSecretAsync(name, null, ct)).Value, cancellationToken)));
    }

    public ValueTask<string> GetAsync(CancellationToken cancellationToken) => apiKey.GetAsync(cancellationToken);

    public void Dispose() => apiKey.Dispose();
}
