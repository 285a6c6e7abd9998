using System.Net;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.LocalMomento;

/// <summary>With <c>LocalMomento:DataFile</c> set, comment lists survive a restart.</summary>
public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("coursecomments-snapshot-").FullName;

    private string DataFile => Path.Combine(directory, "comments.json");

    private Dictionary<string, string?> Settings => new(StandIn.NoWebhook) { ["LocalMomento:DataFile"] = DataFile };

    [Fact]
    public async Task Comments_stored_before_a_restart_are_read_back_after_it_in_the_same_order()
    {
        await using (var first = await TestApp.StartAsync(Settings))
        {
            foreach (var (user, text) in new[] { ("alice", "first"), ("bob", "second") })
            {
                var stored = await first.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(first.Clock, courseId: "777", comment: text, tokenId: user)));
                Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            }
        }

        await using var second = await TestApp.StartAsync(Settings);
        var comments = (await WebhookRequests.CommentsAsync(second.Client, "777")).EnumerateArray()
            .Select(c => (c.GetProperty("userID").GetString(), c.GetProperty("comment").GetString()));

        Assert.Equal([("bob", "second"), ("alice", "first")], comments);
    }

    [Fact]
    public async Task An_unreadable_file_is_kept_aside_and_the_store_starts_empty()
    {
        await File.WriteAllTextAsync(DataFile, "{ not json");

        await using var app = await TestApp.StartAsync(Settings);
        Assert.Equal(0, (await WebhookRequests.CommentsAsync(app.Client, "777")).GetArrayLength());

        Assert.Equal("{ not json", await File.ReadAllTextAsync(DataFile + ".unreadable"));
    }

    [Fact]
    public async Task Without_a_data_file_nothing_is_written()
    {
        await using var app = await TestApp.StartAsync(StandIn.NoWebhook);
        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
