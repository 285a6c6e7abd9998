namespace CourseComments.Tokens;

/// <summary>The 200 body of <c>POST /api/tokens</c>: everything a browser needs to publish one comment.</summary>
/// <param name="ExpiresAt">ISO-8601 UTC, e.g. <c>2026-11-21T12:30:00Z</c>.</param>
/// <param name="PublishUrl">Where the browser POSTs a message with this token (Momento's Topics HTTP API, or the
/// Momento emulator's locally).</param>
public sealed record TokenResponse(
    string Token, string ExpiresAt, string TokenId, string CacheName, string TopicName, string PublishUrl);
