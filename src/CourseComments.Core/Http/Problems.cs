using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CourseComments.Http;

/// <summary>
/// RFC 9457 problem responses. Titles and details are written for callers: they say what was wrong with the
/// request, never how the server failed.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            type: $"https://coursecomments.dev/problems/{code}");
}
