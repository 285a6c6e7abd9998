using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CourseComments.Tests.Hostile;

/// <summary>Signs bodies the way Momento does, independently of the code under test.</summary>
internal static class EventSigner
{
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA3_256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string CommentText(string courseId, string comment) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["courseId"] = courseId, ["comment"] = comment });
}
