using System.Text;
using CourseComments.Webhooks;

namespace CourseComments.Tests.Webhooks;

/// <summary>The webhook body read from its UTF-8 keeps the event's JSON contract: the seven fields once each, with
/// their types, strings unescaped and well-formed, other members skipped.</summary>
public class WebhookEventViewTests
{
    private const string Text = """{\"courseId\":7,\"comment\":\"hi \\u00e9\"}""";

    [Fact]
    public void Reads_every_field_with_escapes_unescaped()
    {
        var body = Body(cache: "\"c\\u006furse-comments\"", tokenId: "\"Zo\\u00eb \\ud83d\\ude00\"");

        Assert.True(WebhookEventView.TryParse(body, new byte[body.Length], out var evt));

        Assert.Equal("course-comments", Encoding.UTF8.GetString(evt.Cache));
        Assert.Equal("comment", Encoding.UTF8.GetString(evt.Topic));
        Assert.Equal(1_772_366_400_000, evt.EventTimestamp);
        Assert.Equal(1_772_366_400_500, evt.PublishTimestamp);
        Assert.Equal(ulong.MaxValue, evt.TopicSequenceNumber);
        Assert.Equal("Zoë 😀", evt.TokenId);
        Assert.Equal("""{"courseId":7,"comment":"hi \u00e9"}""", Encoding.UTF8.GetString(evt.Text.Span));
    }

    [Fact]
    public void Other_members_are_skipped_and_one_byte_order_mark_ignored()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Body(extra: "\"more\":{\"a\":[1,\"\\u00e9\",{\"b\":null}]},\"x\":1,")];

        Assert.True(WebhookEventView.TryParse(body, new byte[body.Length], out _));
        byte[] twice = [0xEF, 0xBB, 0xBF, .. body];
        Assert.False(WebhookEventView.TryParse(twice, new byte[twice.Length], out _));
    }

    [Theory]
    [InlineData("\"cache\":\"course-comments\",")] // a field twice
    [InlineData("\"\\u0063ache\":\"course-comments\",")] // the same, escaped
    [InlineData("\"\\ud800\":1,")] // a member name spelling a lone surrogate
    public void A_repeated_field_or_an_unreadable_name_is_refused(string extra)
    {
        AssertRefused(Body(extra: extra));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("7")]
    [InlineData("\"course-comments\\ud800\"")]
    [InlineData("\"\\udc00course-comments\"")]
    public void A_string_field_that_is_no_well_formed_string_is_refused(string cache)
    {
        AssertRefused(Body(cache: cache));
    }

    [Theory]
    [InlineData("\"1772366400000\"")]
    [InlineData("1772366400000.0")]
    [InlineData("1.7e12")]
    [InlineData("99999999999999999999")]
    [InlineData("null")]
    public void A_timestamp_that_is_no_JSON_integer_is_refused(string eventTimestamp)
    {
        AssertRefused(Body(eventTimestamp: eventTimestamp));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("18446744073709551616")]
    public void A_sequence_number_outside_an_unsigned_64_bit_number_is_refused(string sequence)
    {
        AssertRefused(Body(sequence: sequence));
    }

    [Theory]
    [InlineData(" x")]
    [InlineData(" {}")]
    [InlineData(",")]
    public void Anything_after_the_object_is_refused(string trailing)
    {
        AssertRefused([.. Body(), .. Encoding.UTF8.GetBytes(trailing)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    public void A_body_that_is_no_event_is_refused(string body)
    {
        AssertRefused(Encoding.UTF8.GetBytes(body));
    }

    [Theory]
    [InlineData("", "\"al@ce\"")] // a field
    [InlineData("\"x\":\"a@b\",", "\"alice\"")] // a skipped value
    [InlineData("\"x@\":1,", "\"alice\"")] // a skipped name
    [InlineData("\"\\n@\":1,", "\"alice\"")] // a skipped name with an escape
    [InlineData("\"x\":\"\\ud83d\",", "\"alice\"")] // a lone surrogate escaped in a skipped value
    [InlineData("\"x\":[1,{\"y\":[\"\\udc00\"]}],", "\"alice\"")] // ... nested in it
    [InlineData("\"x\":{\"\\ud83d\":1},", "\"alice\"")] // ... in a name nested in it
    public void A_body_with_a_string_that_is_not_well_formed_anywhere_is_refused(string extra, string tokenId)
    {
        var body = Body(extra, tokenId: tokenId);
        if (Array.IndexOf(body, (byte)'@') is var at and >= 0)
        {
            body[at] = 0xFF;
        }

        AssertRefused(body);
    }

    private static void AssertRefused(byte[] body) =>
        Assert.False(WebhookEventView.TryParse(body, new byte[body.Length], out _));

    private static byte[] Body(
        string extra = "",
        string cache = "\"course-comments\"",
        string eventTimestamp = "1772366400000",
        string sequence = "18446744073709551615",
        string tokenId = "\"alice\"") =>
        Encoding.UTF8.GetBytes(string.Concat(
            "{", extra, "\"cache\":", cache, ",\"topic\":\"comment\",\"event_timestamp\":", eventTimestamp,
            ",\"publish_timestamp\":1772366400500,\"topic_sequence_number\":", sequence, ",\"token_id\":", tokenId,
            ",\"text\":\"", Text, "\"}"));
}
