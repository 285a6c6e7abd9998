using System.Globalization;
using System.Text;
using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Json;

namespace CourseComments.Tests.Comments;

/// <summary>List items are written straight from the comment's UTF-8, yet byte for byte as JsonSerializer writes a
/// <see cref="StoredComment"/> (so items stay one shape whichever wrote them), and read back by
/// <see cref="StoredComment.Decode"/>.</summary>
public class StoredCommentEncodingTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("Zoë ✓ 𝄞 مرحبا 😀")]
    [InlineData("quotes \" back\\slash / <tag> & 'apostrophe' + plus")]
    [InlineData("controls \n\t\r\u0000\u001f and \u2028\u2029 separators, \u202Ereversed")]
    public void Encodes_what_the_serializer_writes(string text)
    {
        var at = DateTimeOffset.Parse("2026-03-01T12:00:00.123+01:00", CultureInfo.InvariantCulture);
        var comment = new CheckedComment("aad:Zoë", Encoding.UTF8.GetBytes(text), "c-1", at);
        const string onceKey = "webhook-event:0123456789abcdef";

        var item = StoredComment.Encode(comment, "Zoë <Name>", onceKey);

        var expected = new StoredComment("aad:Zoë", text, "c-1", at, "Zoë <Name>", StoredComment.IdFor(onceKey));
        var serialized = JsonSerializer.SerializeToUtf8Bytes(expected, AppJsonContext.Default.StoredComment);
        Assert.Equal(Encoding.UTF8.GetString(serialized), Encoding.UTF8.GetString(item));
        Assert.Equal(expected, StoredComment.Decode(Encoding.UTF8.GetString(item)));
    }

    [Fact]
    public void The_id_is_the_first_half_of_the_SHA256_of_the_once_key()
    {
        var id = StoredComment.IdFor("topic-item:course-comments:comment:p:7");

        Assert.Equal(
            Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData("topic-item:course-comments:comment:p:7"u8)[..16]),
            id);
    }
}
