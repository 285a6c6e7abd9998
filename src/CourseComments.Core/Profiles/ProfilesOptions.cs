using System.ComponentModel.DataAnnotations;

namespace CourseComments.Profiles;

/// <summary>How profile reads and writes are bounded (section <c>Profiles</c>). The profile's TTL is not a
/// setting: it follows from <c>Tokens:Lifetime</c> and the webhook's freshness window (see
/// <see cref="ProfileStore"/>).</summary>
public sealed class ProfilesOptions
{
    public const string Section = "Profiles";

    /// <summary>How long one profile read or write may take. A read past it stores the comment with the fallback
    /// name; a write past it still hands out the token. Momento answers a Get or Set in milliseconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:03")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
