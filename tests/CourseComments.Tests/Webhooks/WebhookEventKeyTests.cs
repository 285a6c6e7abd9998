using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CourseComments.Json;
using CourseComments.Webhooks;

namespace CourseComments.Tests.Webhooks;

/// <summary>The claim key is a stable identity: the same for every delivery of a message, different for any other
/// message, and unchanged by how it is computed (claims written by an earlier build must still match). The key hashes
/// the unescaped text, so the same message escaped differently is the same message.</summary>
public class WebhookEventKeyTests
{
    [Theory]
    [InlineData("alice", """{"courseId":123,"comment":"plain"}""")]
    [InlineData("aad:Zoë", """{"courseId":"c-1","comment":"Zoë ✓ 𝄞 مرحبا"}""")]
    [InlineData("bob", "escaped \" quotes, \\ and \n line feeds <&>")]
    [InlineData("", "")]
    public void Is_the_SHA256_of_the_fields_joined_by_line_feeds(string tokenId, string text)
    {
        var evt = Event(tokenId, text);
        var identity = string.Join('\n', evt.Cache, evt.Topic,
            evt.EventTimestamp.ToString(CultureInfo.InvariantCulture),
            evt.TopicSequenceNumber.ToString(CultureInfo.InvariantCulture), evt.TokenId, evt.Text);

        var expected = "webhook-event:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));

        Assert.Equal(expected, KeyOf(evt));
    }

    [Fact]
    public void Ignores_publish_timestamp_and_tells_other_messages_apart()
    {
        var key = KeyOf(Event("alice", "hi"));

        Assert.Equal(key, KeyOf(Event("alice", "hi", publishTimestamp: 99)));
        Assert.NotEqual(key, KeyOf(Event("alice", "hi", sequence: 8)));
        Assert.NotEqual(key, KeyOf(Event("alicehi", "")));
        Assert.NotEqual(key, KeyOf(Event("alice", "hi ")));
    }

    /// <summary>The key of the event as the webhook reads it: from its JSON, which escapes every non-ASCII
    /// character.</summary>
    private static string KeyOf(WebhookEvent evt)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(evt, AppJsonContext.Default.WebhookEvent);
        Assert.True(WebhookEventView.TryParse(body, new byte[body.Length], out var view));
        return WebhookEventKey.For(view);
    }

    private static WebhookEvent Event(
        string tokenId, string text, long publishTimestamp = 1_772_366_400_000, ulong sequence = 7) =>
        new()
        {
            Cache = "course-comments",
            Topic = "comment",
            EventTimestamp = 1_772_366_400_000,
            PublishTimestamp = publishTimestamp,
            TopicSequenceNumber = sequence,
            TokenId = tokenId,
            Text = text,
        };
}
