using System.Text;
using CourseComments.Profiles;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Profiles;

/// <summary>Items stored before display names existed, or by Momento's original sample, read back with the
/// fallback.</summary>
public class OlderItemsTests
{
    [Fact]
    public async Task Items_without_a_display_name_read_back_with_the_fallback_and_named_ones_with_their_name()
    {
        await using var app = await TestApp.StartAsync();
        string[] items =
        [
            """{"userID":"sample-user","comment":"from the original sample"}""",
            """{"userID":"aad:sub-1","comment":"before names","courseId":"123","eventTime":"2026-11-20T10:00:00Z"}""",
            """{"userID":"aad:sub-2","comment":"tampered","courseId":"123","displayName":"\u202Eevil"}""",
            """{"userID":"aad:sub-3","comment":"named","courseId":"123","displayName":"Zoë"}""",
        ];
        foreach (var item in items)
        {
            await app.Store.ConcatenateFrontAsync(
                "123", [Encoding.UTF8.GetBytes(item)], 100, TimeSpan.FromHours(1), default);
        }

        var comments = (await WebhookRequests.CommentsAsync(app.Client, "123")).EnumerateArray().ToArray();

        Assert.Equal(
            ["aad:sub-3", "aad:sub-2", "aad:sub-1", "sample-user"],
            comments.Select(c => c.GetProperty("userID").GetString()));
        Assert.Equal(
            ["Zoë", DisplayName.Fallback, DisplayName.Fallback, DisplayName.Fallback],
            comments.Select(c => c.GetProperty("displayName").GetString()));
        Assert.Equal("from the original sample", comments[^1].GetProperty("comment").GetString());
    }
}
