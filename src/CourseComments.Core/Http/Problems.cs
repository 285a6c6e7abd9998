using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CourseComments.Http;

/// <summary>
/// RFC 9457 problem responses. Titles and details are written for callers: they say what was wrong with the
/// request, never how the server failed.
/// </summary>
public static class Problems
{
    /// <summary>Where every problem type lives: a relative URI, resolved against the app's own origin, so it names
    /// nothing outside the project. Each reason code is documented in docs/webhook.md or docs/tokens.md.</summary>
    public const string TypePrefix = "/problems/";

    /// <param name="code">The reason code, the type's last segment (for example <c>invalid-comment</c>).</param>
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, type: TypePrefix + code);
}
