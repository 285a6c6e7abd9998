namespace CourseComments.Identity;

/// <summary>Local mode only: the body a developer sends to name the user, <c>{"user":"alice"}</c>. Without
/// <c>user</c> (<c>{}</c>, or <c>null</c>) nobody is named.</summary>
public sealed record LocalUserRequest(string? User = null);
