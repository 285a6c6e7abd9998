namespace CourseComments.Profiles;

/// <summary>How profile reads and writes are bounded (section <c>Profiles</c>, which has no settings left). The
/// profile's TTL follows from <c>Tokens:Lifetime</c> and the webhook's freshness window (see
/// <see cref="ProfileStore"/>).</summary>
public sealed class ProfilesOptions
{
    public const string Section = "Profiles";

    /// <summary>How long one profile read or write may take. A read past it stores the comment with the fallback
    /// name; a write past it still hands out the token. 1 s: Momento answers a Get or Set in milliseconds. Not a
    /// setting (configuration cannot set it); tests shorten it.</summary>
    public TimeSpan CallTimeout { get; internal set; } = TimeSpan.FromSeconds(1);
}
