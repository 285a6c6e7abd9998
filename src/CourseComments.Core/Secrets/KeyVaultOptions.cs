using System.ComponentModel.DataAnnotations;

namespace CourseComments.Secrets;

/// <summary>Where Momento mode reads its secrets: one Key Vault, two secret names, and how often to re-read them.</summary>
public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>For example <c>https://my-vault.vault.azure.net/</c>.</summary>
    [Required]
    public Uri? VaultUri { get; set; }

    [Required, RegularExpression(@"^[0-9A-Za-z-]{1,127}\z")]
    public string SigningSecretName { get; set; } = "webhook-signing-secret";

    [Required, RegularExpression(@"^[0-9A-Za-z-]{1,127}\z")]
    public string MomentoApiKeySecretName { get; set; } = "momento-api-key";

    /// <summary>How long a read signing secret is used before the vault is asked again: the longest a rotated
    /// secret goes unnoticed.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a failed refresh the last good secrets are served for this long before the next attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Budget for one read from the vault (Flex Consumption gives start-up 30 s in all).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:20")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after a new signing secret version is created the previous enabled version is still
    /// accepted, so deliveries signed just before a rotation still verify.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(1);
}
