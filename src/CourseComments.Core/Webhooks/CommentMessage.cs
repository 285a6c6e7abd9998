using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CourseComments.Comments;

namespace CourseComments.Webhooks;

/// <summary>
/// What a browser publishes: <c>{"courseId": 123 or "abc", "comment": "..."}</c>. Anything else in it, a user
/// field above all, is ignored: the author is the event's token_id.
/// </summary>
public sealed record CommentMessage(string CourseId, string Comment)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <param name="problem">What is wrong, worded for the caller.</param>
    public static bool TryParse(
        string text,
        int maxCommentLength,
        [NotNullWhen(true)] out CommentMessage? message,
        [NotNullWhen(false)] out string? problem)
    {
        message = null;
        problem = Check(text, maxCommentLength, ref message);
        return problem is null;
    }

    private static string? Check(string text, int maxCommentLength, ref CommentMessage? message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException)
        {
            return "The event's text is not JSON.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The event's text must be a JSON object with courseId and comment.";
            }

            var courseId = root.TryGetProperty("courseId", out var id) ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            } : null;
            if (!Comments.CourseId.IsValid(courseId))
            {
                return "courseId must be a number or a string of 1-64 letters, digits, '_' or '-'.";
            }

            var comment = root.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!.Trim()
                : null;
            if (string.IsNullOrEmpty(comment))
            {
                return "comment must be a non-empty string.";
            }

            if (comment.Length > maxCommentLength)
            {
                return $"comment must be at most {maxCommentLength} characters.";
            }

            message = new CommentMessage(courseId, comment);
            return null;
        }
    }
}
