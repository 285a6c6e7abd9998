using System.ComponentModel.DataAnnotations;

namespace CourseComments.Tokens;

/// <summary>How tokens are minted and reused (section <c>Tokens</c>).</summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string Section = "Tokens";

    /// <summary>How long a minted token lives. Momento allows up to 25 h; a leaked publish token should not live that long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A cached token is handed out again only while it has more than this much life left, so a browser
    /// always gets a token it can use for a while.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Users whose tokens are kept for reuse; beyond this, expired tokens and then the soonest to expire go.</summary>
    [Range(1, 1_000_000)]
    public int MaxCachedUsers { get; set; } = 10_000;

    /// <summary>Mints per second this instance allows itself. Momento allows 5 auth operations per second per
    /// account, shared by every instance.</summary>
    [Range(1, 5)]
    public int MaxMintsPerSecond { get; set; } = 4;

    /// <summary>Each user's share of the mint budget: at most one mint per user in any window of this length,
    /// <c>?replace</c> included, so one user cannot spend the budget everyone shares. <c>00:00:00</c> turns the share
    /// off. Counted per instance on the real clock (System.Threading.RateLimiting takes no TimeProvider).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UserMintInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one mint may take before callers get 503; a mint is shared by every caller waiting for it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan MintTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshMargin >= Lifetime)
        {
            yield return new ValidationResult(
                "Tokens:RefreshMargin must be shorter than Tokens:Lifetime, or no token could ever be reused.",
                [nameof(RefreshMargin), nameof(Lifetime)]);
        }
    }
}
