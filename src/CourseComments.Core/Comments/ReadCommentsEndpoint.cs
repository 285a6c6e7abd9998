using CourseComments.Http;
using CourseComments.Json;
using CourseComments.Profiles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CourseComments.Comments;

/// <summary><c>GET /api/courses/{courseId}/comments?limit=N</c>: a course's comments, newest first.</summary>
public sealed partial class ReadCommentsEndpoint(ICommentStore store, ILogger<ReadCommentsEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        if (!CourseId.IsValid(courseId))
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                "invalid-course-id",
                "courseId must be 1-64 letters, digits, '_' or '-'.");
        }

        var limit = CommentsOptions.DefaultReadLimit;
        if (request.Query.TryGetValue("limit", out var raw)
            && (!int.TryParse(raw, out limit) || limit < 1 || limit > CommentsOptions.MaxReadLimit))
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                "invalid-limit",
                $"limit must be a whole number from 1 to {CommentsOptions.MaxReadLimit}.");
        }

        IReadOnlyList<string> items;
        try
        {
            items = await store.FetchAsync(courseId, limit, cancellationToken);
        }
        catch (CommentStoreException ex)
        {
            ReadFailed(logger, ex.Failure, ex);
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable, "unavailable", "Comments cannot be read right now.");
        }

        var comments = new List<CommentView>(items.Count);
        foreach (var item in items)
        {
            if (StoredComment.Decode(item) is { } stored)
            {
                var displayName = DisplayName.OrFallback(stored.DisplayName);
                comments.Add(new CommentView(stored.UserId, displayName, stored.Comment, stored.EventTime));
            }
            else
            {
                UnreadableItem(logger, courseId);
            }
        }

        return TypedResults.Json(new CourseCommentsView(courseId, comments), AppJsonContext.Default.CourseCommentsView);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Reading comments failed ({Failure})")]
    private static partial void ReadFailed(ILogger logger, StoreFailure failure, Exception exception);

    [LoggerMessage(
        EventId = 2001, Level = LogLevel.Warning, Message = "Skipped an unreadable item in course {CourseId}'s list")]
    private static partial void UnreadableItem(ILogger logger, string courseId);
}

public sealed record CourseCommentsView(string CourseId, IReadOnlyList<CommentView> Comments);

/// <summary>One comment as readers see it; <c>userID</c> keeps the stored name. <c>displayName</c> is the author's
/// name as stored, or <see cref="DisplayName.Fallback"/> for items stored without one (or with one that no longer
/// meets the rules).</summary>
public sealed record CommentView(
    [property: System.Text.Json.Serialization.JsonPropertyName("userID")] string UserId,
    string DisplayName,
    string Comment,
    DateTimeOffset? EventTime);
