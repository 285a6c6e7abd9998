using System.ComponentModel.DataAnnotations;

namespace CourseComments.Tokens;

/// <summary>How tokens are minted and reused (section <c>Tokens</c>).</summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string Section = "Tokens";

    /// <summary>A cached token is handed out again only while it has more than this much life left, so a browser
    /// always gets a token it can use for a while: 5 min outlasts any comment being typed.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long one mint may take before callers get 503; a mint is shared by every caller waiting for it.
    /// 10 s: far beyond a normal mint, short enough that a page asking for a token does not hang.</summary>
    public static readonly TimeSpan MintTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a minted token lives. Momento allows up to 25 h; a leaked publish token should not live that
    /// long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Mints per second this instance allows itself. Momento allows 5 auth operations per second per
    /// account, shared by every instance.</summary>
    [Range(1, 5)]
    public int MaxMintsPerSecond { get; set; } = 4;

    /// <summary>Users whose tokens are kept for reuse; beyond this, tokens past reuse and then the soonest to expire
    /// go. Not a setting (configuration cannot set it): 10 000 tokens of about 1 KB bound the cache to ~10 MB.
    /// Tests make it small.</summary>
    public int MaxCachedUsers { get; internal set; } = 10_000;

    /// <summary>Each user's share of the mint budget: at most one mint per user in any window of this length,
    /// <c>?replace</c> included, so one user cannot spend the budget everyone shares. <c>00:00:00</c> turns the share
    /// off. Counted per instance on the real clock (System.Threading.RateLimiting takes no TimeProvider).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UserMintInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lifetime <= RefreshMargin)
        {
            yield return new ValidationResult(
                $"Tokens:Lifetime must be longer than the refresh margin ({RefreshMargin}), or no token could ever be "
                + "reused.",
                [nameof(Lifetime)]);
        }
    }
}
