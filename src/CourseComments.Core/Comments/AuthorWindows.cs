using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace CourseComments.Comments;

/// <summary>
/// Counts comments against their author's fixed window (<see cref="IntakeOptions.MaxCommentsPerAuthor"/> per <see
/// cref="IntakeOptions.AuthorWindow"/>) in the comment store, key <c>comment-count:&lt;window start, Unix
/// ms&gt;:&lt;author&gt;</c>, so every instance shares the count. An instance takes slots from the shared count in
/// blocks and hands them out locally: the first comment of a window takes one slot (one Increment per comment, as exact
/// as counting each), and each further refill in the same window takes twice as many, up to <see cref="MaxBlock"/> and
/// never more than a quarter of what is left, so a busy author costs a store call per block instead of per comment; one
/// refill per author is in flight at a time, and the comments arriving meanwhile wait for it. Slots are only ever taken
/// from the shared count before they are used, so all instances together never admit more than the limit; slots an
/// instance holds unused when the window ends are lost, so an author who posts through several instances at once may be
/// refused up to a few comments early. A reloaded limit applies at once: a raised one lets an exhausted window take
/// slots again, a lowered one drops the slots held under the old one.
/// </summary>
public sealed partial class AuthorWindows(
    ICommentStore store, IOptionsMonitor<IntakeOptions> options, TimeProvider time)
{
    /// <summary>Largest block of slots one refill takes (bounds what one instance can hold unused).</summary>
    public const int MaxBlock = 32;

    private const string CountPrefix = "comment-count:";

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private long prunedFor = -1;

    /// <summary>Takes one slot in <paramref name="authorId"/>'s current window.</summary>
    /// <returns>The slot (give it back with <see cref="Slot.Return"/> when its comment turns out to be a copy), or
    /// a refusal with how long until the author's next window. A ValueTask: a slot held here is handed out at
    /// once.</returns>
    /// <exception cref="CommentStoreException">The shared count could not be read; nothing was taken.</exception>
    public async ValueTask<Slot> TakeAsync(string authorId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var length = (long)settings.AuthorWindow.TotalMilliseconds;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var start = now - (now % length);
        var retryAfter = TimeSpan.FromMilliseconds(start + length - now);
        Prune(start);
        var window = windows.AddOrUpdate(
            authorId,
            static (_, at) => new Window(at),
            static (_, held, at) => held.Start == at ? held : new(at),
            start);

        while (true)
        {
            Task refill;
            lock (window)
            {
                if (settings.MaxCommentsPerAuthor < window.GrantedUnder)
                {
                    // Slots held were granted under a higher limit (a reloaded setting): the next refill decides
                    // under the new one, so a lowered limit holds at once.
                    window.Free = 0;
                    window.GrantedUnder = settings.MaxCommentsPerAuthor;
                }

                if (window.Free > 0)
                {
                    window.Free--;
                    return new Slot(window, retryAfter);
                }

                if (window.ExhaustedAt >= settings.MaxCommentsPerAuthor)
                {
                    return new Slot(null, retryAfter);
                }

                // One refill at a time per author: comments arriving meanwhile wait for it rather than each taking
                // a block on the same stale count.
                refill = window.Refill ??= RefillAsync(window, authorId, settings);
            }

            await refill.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes the next block from the shared count. Not cancellable: its waiters share it.</summary>
    private async Task RefillAsync(Window window, string authorId, IntakeOptions settings)
    {
        await Task.Yield(); // started under the window's lock: run the call outside it
        var key = $"{CountPrefix}{window.Start.ToString(CultureInfo.InvariantCulture)}:{authorId}";
        try
        {
            int block;
            lock (window)
            {
                block = window.NextBlock(settings.MaxCommentsPerAuthor);
            }

            var count = await store.IncrementAsync(key, block, settings.AuthorWindow, CancellationToken.None);
            var granted = (int)Math.Clamp(settings.MaxCommentsPerAuthor - (count - block), 0, block);
            lock (window)
            {
                window.Counted = count;
                window.Free += granted;
                window.GrantedUnder = settings.MaxCommentsPerAuthor;
                window.ExhaustedAt = granted < block ? settings.MaxCommentsPerAuthor : 0;
            }
        }
        finally
        {
            lock (window)
            {
                window.Refill = null;
            }
        }
    }

    /// <summary>Drops the windows of earlier periods, once per period, so memory follows the active authors.</summary>
    private void Prune(long start)
    {
        // Read first: every comment passes here, and only the first of a period needs the write.
        if (Volatile.Read(ref prunedFor) == start || Interlocked.Exchange(ref prunedFor, start) == start)
        {
            return;
        }

        foreach (var (author, window) in windows)
        {
            if (window.Start != start)
            {
                windows.TryRemove(new KeyValuePair<string, Window>(author, window));
            }
        }
    }
}
