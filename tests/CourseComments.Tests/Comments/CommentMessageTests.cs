using System.Text;
using CourseComments.Comments;

namespace CourseComments.Tests.Comments;

/// <summary>The published message, read from its UTF-8: escapes unescaped, the comment trimmed and counted in UTF-16
/// code units, every string well-formed, duplicates and deep nesting refused, each refusal with its own
/// wording.</summary>
public class CommentMessageTests
{
    private const string NotJson = "The event's text is not JSON.";
    private const string LoneSurrogate =
        "The event's text holds a string that is not well-formed Unicode (a lone surrogate).";
    private const string Blank = "comment must be a string with something visible in it.";
    private const string BadCourse = "courseId must be a number or a string of 1-64 letters, digits, '_' or '-'.";

    [Theory]
    [InlineData("""{"courseId":"c-1","comment":"line\nbreak, \"quoted\", back\\slash, \u00e9"}""",
        "c-1", "line\nbreak, \"quoted\", back\\slash, é")]
    [InlineData("""{"courseId":"c-1","comment":"\ud83d\ude00 \u2603"}""", "c-1", "😀 ☃")]
    [InlineData("""{"c\u006furseId":"\u0061bc","\u0063omment":"escaped names"}""", "abc", "escaped names")]
    [InlineData("""{"courseId":7,"comment":"  \t padded \u3000\n"}""", "7", "padded")]
    [InlineData("""{"courseId":"x","comment":"\u200bvisible\u200b","user":"ignored"}""", "x", "\u200bvisible\u200b")]
    [InlineData(""" {"courseId":"x","comment":"white space around"} """, "x", "white space around")]
    public void Reads_the_course_and_the_trimmed_comment_unescaped(string text, string courseId, string comment)
    {
        Assert.True(CommentMessage.TryParse(Utf8(text), 1000, out var message, out var problem), problem);

        Assert.Equal(courseId, message.CourseId);
        Assert.Equal(comment, Encoding.UTF8.GetString(message.Comment.Span));
    }

    [Theory]
    [InlineData("123", "123")]
    [InlineData("-3", "-3")]
    [InlineData("1e5", "1e5")]
    [InlineData("0", "0")]
    public void A_numeric_course_id_is_its_text_as_written(string raw, string courseId)
    {
        var text = Utf8($$"""{"courseId":{{raw}},"comment":"hi"}""");

        Assert.True(CommentMessage.TryParse(text, 1000, out var message, out _));

        Assert.Equal(courseId, message.CourseId);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("\"a b\"")]
    [InlineData("\"\"")]
    [InlineData("{}")]
    public void A_course_id_that_is_no_course_id_is_refused(string raw)
    {
        AssertRefused($$"""{"courseId":{{raw}},"comment":"hi"}""", BadCourse);
    }

    [Fact]
    public void A_byte_order_mark_is_ignored_once()
    {
        Assert.True(CommentMessage.TryParse(Utf8("\uFEFF{\"courseId\":1,\"comment\":\"bom\"}"), 1000, out _, out _));
        AssertRefused("\uFEFF\uFEFF{\"courseId\":1,\"comment\":\"bom\"}", NotJson);
    }

    [Theory]
    [InlineData("""{"courseId":1,"comment":"cut \ud83d"}""")]
    [InlineData("""{"courseId":1,"comment":"\ude00 low first"}""")]
    [InlineData("""{"courseId":"\ud83d","comment":"fine"}""")]
    [InlineData("""{"courseId":1,"comment":"fine","extra":"\ud800"}""")]
    [InlineData("""{"courseId":1,"comment":"fine","nested":[{"a":"\ud83d"}]}""")]
    [InlineData("""{"courseId":1,"comment":"fine","\udfff":1}""")]
    [InlineData("""{"courseId":1,"comment":"fine","n":{"\ud800x":1}}""")]
    public void A_lone_surrogate_escape_in_any_name_or_value_is_refused(string text)
    {
        AssertRefused(text, LoneSurrogate);
    }

    [Fact]
    public void Text_that_is_not_UTF8_is_refused()
    {
        byte[] text = [.. Utf8("""{"courseId":1,"comment":"cut """), 0xED, 0xA0, 0xBD, .. Utf8("\"}")];

        Assert.False(CommentMessage.TryParse(text, 1000, out _, out var problem));
        Assert.Equal("The event's text is not well-formed Unicode.", problem);
    }

    [Theory]
    [InlineData("""{"courseId":1,"comment":"a","comment":"b"}""")]
    [InlineData("""{"courseId":1,"comment":"a","courseId":2}""")]
    [InlineData("""{"courseId":1,"comment":"a","x":{"k":1,"k":2}}""")]
    [InlineData("""{"courseId":1,"comment":"a","k":1,"\u006b":2}""")]
    public void Duplicate_names_at_any_depth_are_refused(string text)
    {
        AssertRefused(text, NotJson);
    }

    [Fact]
    public void Nesting_deeper_than_eight_is_refused()
    {
        var eight = """{"courseId":1,"comment":"a","d":""" + new string('[', 7) + new string(']', 7) + "}";
        var nine = """{"courseId":1,"comment":"a","d":""" + new string('[', 8) + new string(']', 8) + "}";

        Assert.True(CommentMessage.TryParse(Utf8(eight), 1000, out _, out _));
        AssertRefused(nine, NotJson);
    }

    [Theory]
    [InlineData("""{"courseId":1,"comment":"a"} x""")]
    [InlineData("""{"courseId":1,"comment":"a",}""")]
    [InlineData("""/* c */{"courseId":1,"comment":"a"}""")]
    [InlineData("{")]
    [InlineData("")]
    public void Text_that_is_not_JSON_is_refused(string text)
    {
        AssertRefused(text, NotJson);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("5")]
    public void Text_that_is_no_object_is_refused(string text)
    {
        AssertRefused(text, "The event's text must be a JSON object with courseId and comment.");
    }

    [Theory]
    [InlineData("""{"courseId":1,"comment":"   "}""")]
    [InlineData("""{"courseId":1,"comment":"\t\n\u3000\u00a0"}""")]
    [InlineData("""{"courseId":1,"comment":"\u200b\u2060\u3164"}""")]
    [InlineData("""{"courseId":1,"comment":""}""")]
    [InlineData("""{"courseId":1,"comment":5}""")]
    [InlineData("""{"courseId":1,"comment":null}""")]
    [InlineData("""{"courseId":1}""")]
    public void A_comment_with_nothing_visible_is_refused(string text)
    {
        AssertRefused(text, Blank);
    }

    [Fact]
    public void The_limit_counts_UTF16_code_units_after_trimming()
    {
        // 500 emoji are 1,000 UTF-16 code units (each a surrogate pair), 2,000 bytes of UTF-8.
        var atLimit = string.Concat(Enumerable.Repeat("😀", 500));
        var escapedAtLimit = string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 500));
        var over = atLimit + "x";

        Assert.True(CommentMessage.TryParse(Comment("  " + atLimit + "  "), 1000, out var message, out _));
        Assert.Equal(atLimit, Encoding.UTF8.GetString(message.Comment.Span));
        Assert.True(CommentMessage.TryParse(Comment(escapedAtLimit), 1000, out _, out _));
        Assert.True(CommentMessage.TryParse(Comment(new string('é', 1000)), 1000, out _, out _));
        Assert.False(CommentMessage.TryParse(Comment(over), 1000, out _, out var problem));
        Assert.Equal("comment must be at most 1000 characters.", problem);
        Assert.False(CommentMessage.TryParse(Comment(new string('é', 1001)), 1000, out _, out _));
    }

    private static void AssertRefused(string text, string expected)
    {
        Assert.False(CommentMessage.TryParse(Utf8(text), 1000, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    private static byte[] Comment(string comment) => Utf8($$"""{"courseId":1,"comment":"{{comment}}"}""");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
