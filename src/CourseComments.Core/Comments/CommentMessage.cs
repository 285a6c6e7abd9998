using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CourseComments.Text;

namespace CourseComments.Comments;

/// <summary>
/// What a browser publishes: <c>{"courseId": 123 or "abc", "comment": "..."}</c>. Anything else in it, a user
/// field above all, is ignored: the author is the event's token_id. One leading byte order mark is ignored, as
/// RFC 8259 (section 8.1) allows; every string in it, read or not, must be well-formed Unicode.
/// </summary>
public sealed record CommentMessage(string CourseId, string Comment)
{
    private const string NotWellFormed =
        "The event's text holds a string that is not well-formed Unicode (a lone surrogate).";

    private static readonly JsonDocumentOptions DocumentOptions =
        new() { MaxDepth = 8, AllowDuplicateProperties = false };

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
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        if (!UnicodeText.IsWellFormed(text))
        {
            return "The event's text is not well-formed Unicode.";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException)
        {
            return "The event's text is not JSON.";
        }
        catch (InvalidOperationException)
        {
            // Thrown while checking for duplicate names: a property name escapes a lone surrogate.
            return NotWellFormed;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The event's text must be a JSON object with courseId and comment.";
            }

            if (!HasWellFormedStrings(root))
            {
                return NotWellFormed;
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
            if (comment is null || UnicodeText.IsBlank(comment))
            {
                return "comment must be a string with something visible in it.";
            }

            if (comment.Length > maxCommentLength)
            {
                return $"comment must be at most {maxCommentLength} characters.";
            }

            message = new CommentMessage(courseId, comment);
            return null;
        }
    }

    /// <summary>Every property name and string value, at any depth. JSON escapes can spell a lone surrogate
    /// (<c>"\ud83d"</c>, what JSON.stringify makes of half an emoji), which System.Text.Json refuses to
    /// unescape.</summary>
    private static bool HasWellFormedStrings(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject()
                    .All(p => UnicodeText.IsWellFormed(p.Name) && HasWellFormedStrings(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(HasWellFormedStrings),
                JsonValueKind.String => UnicodeText.IsWellFormed(element.GetString()),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
