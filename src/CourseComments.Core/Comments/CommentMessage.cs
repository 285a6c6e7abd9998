using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CourseComments.Text;

namespace CourseComments.Comments;

/// <summary>
/// What a browser publishes: <c>{"courseId": 123 or "abc", "comment": "..."}</c>, read from its UTF-8. Anything else
/// in it, a user field above all, is ignored: the author is the event's token_id. One leading byte order mark is
/// ignored, as RFC 8259 (section 8.1) allows; every string in it, read or not, must be well-formed Unicode.
/// </summary>
/// <param name="CourseId">The course id: a JSON string's value, or a JSON number's text as written.</param>
/// <param name="Comment">The comment's UTF-8, without white space at either end (an array of its own).</param>
public readonly record struct CommentMessage(string CourseId, ReadOnlyMemory<byte> Comment)
{
    private const string NotWellFormed =
        "The event's text holds a string that is not well-formed Unicode (a lone surrogate).";

    private static readonly JsonDocumentOptions DocumentOptions =
        new() { MaxDepth = 8, AllowDuplicateProperties = false };

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the message in <paramref name="text"/> and checks its comment.</summary>
    /// <param name="text">The message's UTF-8.</param>
    /// <param name="maxCommentLength">The longest comment, in UTF-16 code units (what a browser's
    /// <c>length</c> counts) after trimming.</param>
    /// <param name="problem">What is wrong, worded for the caller.</param>
    public static bool TryParse(
        ReadOnlyMemory<byte> text,
        int maxCommentLength,
        out CommentMessage message,
        [NotNullWhen(false)] out string? problem)
    {
        message = default;
        if (text.Span.StartsWith(Utf8ByteOrderMark))
        {
            text = text[Utf8ByteOrderMark.Length..];
        }

        var scratch = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            problem = Check(text, scratch, maxCommentLength, ref message);
            return problem is null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static string? Check(
        ReadOnlyMemory<byte> text, byte[] scratch, int maxCommentLength, ref CommentMessage message)
    {
        if (!Utf8.IsValid(text.Span))
        {
            return "The event's text is not well-formed Unicode.";
        }

        // The document checks the syntax, the depth and duplicate names, as it always has; the values are read in
        // a second pass, straight from the UTF-8.
        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The event's text must be a JSON object with courseId and comment.";
            }
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

        if (!TryReadMembers(text.Span, scratch, out var courseId, out var commentLength))
        {
            return NotWellFormed;
        }

        if (!Comments.CourseId.IsValid(courseId))
        {
            return "courseId must be a number or a string of 1-64 letters, digits, '_' or '-'.";
        }

        var comment = commentLength < 0 ? default : UnicodeText.Trim(scratch.AsSpan(0, commentLength));
        if (commentLength < 0 || UnicodeText.IsBlank(comment))
        {
            return "comment must be a string with something visible in it.";
        }

        // Valid UTF-8, so its UTF-16 length is its char count.
        if (Encoding.UTF8.GetCharCount(comment) > maxCommentLength)
        {
            return $"comment must be at most {maxCommentLength} characters.";
        }

        message = new CommentMessage(courseId, comment.ToArray());
        return null;
    }

    /// <summary>One pass over the checked JSON: unescapes every escaped name and string, which throws for an escape
    /// that spells a lone surrogate (<c>"\ud83d"</c>, what JSON.stringify makes of half an emoji), and picks up the
    /// top-level <c>courseId</c> and <c>comment</c>.</summary>
    /// <param name="scratch">As long as <paramref name="json"/>: the comment is unescaped to its start.</param>
    /// <param name="commentLength">The comment's length at the start of <paramref name="scratch"/>, or -1 when
    /// there is no comment string.</param>
    /// <returns>False when a string is not well-formed.</returns>
    private static bool TryReadMembers(
        ReadOnlySpan<byte> json, Span<byte> scratch, out string? courseId, out int commentLength)
    {
        (courseId, commentLength) = (null, -1);
        var reader = new Utf8JsonReader(json);
        var member = Member.Other;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (reader.ValueIsEscaped)
                        {
                            reader.CopyString(scratch[Math.Max(commentLength, 0)..]);
                        }

                        member = reader.CurrentDepth != 1 ? Member.Other
                            : reader.ValueTextEquals("courseId"u8) ? Member.CourseId
                            : reader.ValueTextEquals("comment"u8) ? Member.Comment
                            : Member.Other;
                        continue;
                    case JsonTokenType.String when member == Member.Comment:
                        commentLength = reader.CopyString(scratch);
                        break;
                    case JsonTokenType.String when member == Member.CourseId:
                        courseId = reader.GetString();
                        break;
                    case JsonTokenType.Number when member == Member.CourseId:
                        courseId = Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        reader.CopyString(scratch[Math.Max(commentLength, 0)..]);
                        break;
                }

                member = Member.Other;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return true;
    }

    private enum Member
    {
        Other,
        CourseId,
        Comment,
    }
}
