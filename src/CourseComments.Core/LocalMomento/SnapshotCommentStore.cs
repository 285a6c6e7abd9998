using System.Collections.Concurrent;
using System.Text.Json;
using CourseComments.Comments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.LocalMomento;

/// <summary>The comment lists, as the snapshot file holds them: list key to items, front first.</summary>
public sealed record CommentSnapshot(Dictionary<string, List<string>> Lists);

/// <summary>
/// The in-memory store, with its comment lists saved to <c>LocalMomento:DataFile</c> after every push and loaded at
/// start, so a restarted dev server still shows earlier comments. Webhook claims stay in memory: they only matter
/// within the freshness window.
/// </summary>
public sealed partial class SnapshotCommentStore : ICommentStore
{
    private readonly InMemoryCommentStore inner;
    private readonly CommentsOptions comments;
    private readonly string path;
    private readonly ILogger<SnapshotCommentStore> logger;
    private readonly ConcurrentDictionary<string, byte> listKeys = new();
    private readonly SemaphoreSlim saving = new(1, 1);

    public SnapshotCommentStore(
        InMemoryCommentStore inner, IOptions<CommentsOptions> comments, IOptions<LocalMomentoOptions> local, ILogger<SnapshotCommentStore> logger)
    {
        this.inner = inner;
        this.comments = comments.Value;
        path = Path.GetFullPath(local.Value.DataFile!);
        this.logger = logger;
        Load();
    }

    public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
        inner.SetIfNotExistsAsync(key, value, ttl, cancellationToken);

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, ttl, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken) =>
        inner.IncrementAsync(key, amount, ttl, cancellationToken);

    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
        inner.FetchAsync(listKey, count, cancellationToken);

    public async Task PushFrontAsync(string listKey, string value, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await inner.PushFrontAsync(listKey, value, maxLength, ttl, cancellationToken);
        listKeys.TryAdd(listKey, 0);
        await SaveAsync();
    }

    private async Task SaveAsync()
    {
        // Not cancellable: the comment is already stored, and a half-written snapshot must never replace a whole one.
        await saving.WaitAsync(CancellationToken.None);
        try
        {
            var lists = new Dictionary<string, List<string>>();
            foreach (var key in listKeys.Keys)
            {
                lists[key] = [.. await inner.FetchAsync(key, comments.MaxPerCourse, CancellationToken.None)];
            }

            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(
                temporary, JsonSerializer.SerializeToUtf8Bytes(new CommentSnapshot(lists), LocalMomentoJsonContext.Default.CommentSnapshot));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SaveFailed(logger, path, ex);
        }
        finally
        {
            saving.Release();
        }
    }

    private void Load()
    {
        if (!File.Exists(path))
        {
            return;
        }

        CommentSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(File.ReadAllBytes(path), LocalMomentoJsonContext.Default.CommentSnapshot);
        }
        catch (JsonException ex)
        {
            // Kept aside rather than overwritten by the next save, so nothing is silently lost.
            File.Move(path, path + ".unreadable", overwrite: true);
            LoadFailed(logger, path, ex);
            return;
        }

        foreach (var (key, items) in snapshot?.Lists ?? [])
        {
            // Pushing back to front restores the order; the wait is synchronous because the in-memory store is.
            for (var i = items.Count - 1; i >= 0; i--)
            {
                inner.PushFrontAsync(key, items[i], comments.MaxPerCourse, comments.Ttl, CancellationToken.None).GetAwaiter().GetResult();
            }

            listKeys.TryAdd(key, 0);
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Could not save the comment snapshot to {Path}; comments stay in memory")]
    private static partial void SaveFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "The comment snapshot {Path} is unreadable; it was renamed to .unreadable and the store starts empty")]
    private static partial void LoadFailed(ILogger logger, string path, Exception exception);
}
