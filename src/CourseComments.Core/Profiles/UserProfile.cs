namespace CourseComments.Profiles;

/// <summary>A user's public profile as cached under <see cref="ProfileStore.KeyFor"/>: <c>{"displayName":"..."}</c>,
/// the display name only.</summary>
public sealed record UserProfile(string DisplayName);
