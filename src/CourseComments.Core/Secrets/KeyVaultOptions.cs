using System.ComponentModel.DataAnnotations;

namespace CourseComments.Secrets;

/// <summary>Where Momento mode reads its secrets: one Key Vault and two secret names (section <c>KeyVault</c>). How
/// often they are re-read is fixed below, not configured.</summary>
public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>How long a read signing secret is used before the vault is asked again: the longest a rotated secret
    /// goes unnoticed, at one vault read per 5 min per instance.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>The first wait after a failed read; doubled after each further failure, at most
    /// <see cref="RefreshInterval"/>: a failing vault is not hammered, and a brief outage costs 30 s.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>How long after it was read a signing secret may still be used while refreshes fail: past it,
    /// deliveries are answered 503 and health reports <c>expired</c>, so a secret disabled in the vault is not
    /// accepted indefinitely by an instance that can no longer read the vault. Six refresh intervals.</summary>
    public static readonly TimeSpan MaxSecretAge = TimeSpan.FromMinutes(30);

    /// <summary>Budget for one read from the vault: Flex Consumption gives start-up 30 s in all, and a read answers
    /// in well under a second.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long after a new signing secret version is created the previous enabled version is still
    /// accepted, so deliveries signed just before a rotation still verify.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(1);

    /// <summary>For example <c>https://my-vault.vault.azure.net/</c>.</summary>
    [Required]
    public Uri? VaultUri { get; set; }

    [Required, RegularExpression(@"^[0-9A-Za-z-]{1,127}\z")]
    public string SigningSecretName { get; set; } = "webhook-signing-secret";

    [Required, RegularExpression(@"^[0-9A-Za-z-]{1,127}\z")]
    public string MomentoApiKeySecretName { get; set; } = "momento-api-key";
}
