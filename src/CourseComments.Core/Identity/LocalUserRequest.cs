namespace CourseComments.Identity;

/// <summary>Local mode only: the body a developer sends to name the user, <c>{"user":"alice"}</c>.</summary>
public sealed record LocalUserRequest(string User);
