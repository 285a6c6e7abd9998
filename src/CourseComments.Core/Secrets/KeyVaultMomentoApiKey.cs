using Microsoft.Extensions.Options;

namespace CourseComments.Secrets;

/// <summary>
/// The Momento API key from Key Vault, read when the first Momento client is built and then kept: the clients live
/// for the process, so a rotated key takes effect on the next start. A failed read is retried by the next caller.
/// </summary>
internal sealed class KeyVaultMomentoApiKey(KeyVaultSecretReader reader, IOptions<KeyVaultOptions> options)
    : IMomentoApiKeySource, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? apiKey;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref apiKey) is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (apiKey is null)
            {
                var name = options.Value.MomentoApiKeySecretName;
                var secret = await reader.ReadAsync(name, async (client, ct) => (await client.GetSecretAsync(name, null, ct)).Value, cancellationToken);
                Volatile.Write(ref apiKey, KeyVaultSecretReader.RequireValue(secret));
            }

            return apiKey!;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
