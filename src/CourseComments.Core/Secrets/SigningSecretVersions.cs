using Azure.Security.KeyVault.Secrets;

namespace CourseComments.Secrets;

/// <summary>Which versions of the Key Vault signing secret are accepted during a rotation (for
/// <see cref="KeyVaultSigningSecrets"/>).</summary>
internal static class SigningSecretVersions
{
    /// <summary>The current version's value, plus the newest older usable version's while the current one is younger
    /// than <see cref="KeyVaultOptions.RotationOverlap"/>.</summary>
    public static async Task<IReadOnlyList<string>> ReadAcceptedAsync(
        SecretClient client, string name, TimeProvider time, CancellationToken cancellationToken)
    {
        KeyVaultSecret current = await client.GetSecretAsync(name, null, cancellationToken);
        var accepted = new List<string> { KeyVaultSecretReader.RequireValue(current) };

        var createdOn = current.Properties.CreatedOn;
        if (createdOn is null || time.GetUtcNow() - createdOn >= KeyVaultOptions.RotationOverlap)
        {
            return accepted;
        }

        SecretProperties? previous = null;
        await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken))
        {
            if (IsUsablePredecessor(version, current.Properties, time.GetUtcNow())
                && (previous is null || version.CreatedOn > previous.CreatedOn))
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

    /// <summary>Enabled, older than the current version, and within its own validity period at
    /// <paramref name="now"/>.</summary>
    private static bool IsUsablePredecessor(SecretProperties version, SecretProperties current, DateTimeOffset now)
    {
        return version.Enabled == true
            && version.Version != current.Version
            && version.CreatedOn < current.CreatedOn
            && (version.ExpiresOn is null || version.ExpiresOn > now)
            && (version.NotBefore is null || version.NotBefore <= now);
    }
}
