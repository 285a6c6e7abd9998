using System.ComponentModel.DataAnnotations;

namespace CourseComments.Secrets;

/// <summary>Where Momento mode reads its secrets: one Key Vault, two secret names, and how often to re-read them.</summary>
public sealed class KeyVaultOptions : IValidatableObject
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

    /// <summary>After a failed refresh the next vault read waits this long, doubled after each further consecutive
    /// failure, at most <see cref="RefreshInterval"/>; the last good secrets are served meanwhile (up to
    /// <see cref="MaxSecretAge"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after it was read a signing secret may still be used while refreshes fail: past it,
    /// deliveries are answered 503 and health reports <c>expired</c>, so a secret disabled in the vault is not
    /// accepted indefinitely by an instance that can no longer read the vault.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan MaxSecretAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Budget for one read from the vault (Flex Consumption gives start-up 30 s in all).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:20")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after a new signing secret version is created the previous enabled version is still
    /// accepted, so deliveries signed just before a rotation still verify.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSecretAge <= RefreshInterval)
        {
            yield return new ValidationResult(
                "KeyVault:MaxSecretAge must be longer than KeyVault:RefreshInterval, "
                + "or a secret would expire before its refresh.",
                [nameof(MaxSecretAge), nameof(RefreshInterval)]);
        }
    }
}
