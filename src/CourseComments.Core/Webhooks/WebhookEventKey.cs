using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CourseComments.Webhooks;

/// <summary>
/// Identifies one published message across deliveries: everything in the event except <c>publish_timestamp</c>,
/// which differs between two deliveries of the same message. Prefixed, so it never meets another channel's keys.
/// </summary>
public static class WebhookEventKey
{
    public static string For(WebhookEvent evt)
    {
        var identity = string.Join(
            '\n',
            evt.Cache,
            evt.Topic,
            evt.EventTimestamp.ToString(CultureInfo.InvariantCulture),
            evt.TopicSequenceNumber.ToString(CultureInfo.InvariantCulture),
            evt.TokenId,
            evt.Text);
        return "webhook-event:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}
