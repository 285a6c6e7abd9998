using System.Collections.Concurrent;
using CourseComments.Comments;
using Microsoft.Extensions.Options;

namespace CourseComments.Tests.Comments;

/// <summary>Idle course entries are kept between pushes and swept every so often; a sweep never loses or repeats a
/// comment, nor lets a second push start for a course with one in flight, whatever it meets: courses in flight, idle
/// ones, pushes racing it.</summary>
public class CourseEntrySweepTests
{
    [Fact]
    public async Task Every_comment_is_sent_once_across_many_sweeps_with_pushes_racing_them()
    {
        var store = new ListsStore();
        var pushes = new CourseListPushes(store, Options.Create(new CommentsOptions { MaxPerCourse = 10_000 }));
        const int Comments = 20_000;

        // More pushers than courses, so sweeps (every 1,024 pushes) meet courses sending, others idle, and pushes
        // arriving for both.
        await Parallel.ForAsync(0, Comments, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            await pushes.PushAsync($"course-{i % 24}", BitConverter.GetBytes(i)));

        var sent = store.Lists.Values.SelectMany(list => list).Select(item => BitConverter.ToInt32(item)).ToArray();
        Assert.Equal(Comments, sent.Length);
        Assert.Equal(Enumerable.Range(0, Comments), sent.Order());
        Assert.Equal(1, store.MostInFlightPerCourse);
    }

    /// <summary>Keeps every list in memory and the most pushes seen in flight for one course; answers a push after a
    /// yield, so pushes overlap it.</summary>
    private sealed class ListsStore : ICommentStore
    {
        private readonly ConcurrentDictionary<string, int> inFlight = new();
        private int mostInFlight;

        public ConcurrentDictionary<string, ConcurrentQueue<byte[]>> Lists { get; } = new();

        public int MostInFlightPerCourse => Volatile.Read(ref mostInFlight);

        public async Task ConcatenateFrontAsync(
            string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl, CancellationToken ct)
        {
            var now = inFlight.AddOrUpdate(listKey, 1, (_, count) => count + 1);
            InterlockedMax(ref mostInFlight, now);
            await Task.Yield();
            var list = Lists.GetOrAdd(listKey, _ => new ConcurrentQueue<byte[]>());
            foreach (var value in values)
            {
                list.Enqueue(value);
            }

            inFlight.AddOrUpdate(listKey, 0, (_, count) => count - 1);
        }

        public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<string?> GetAsync(string key, CancellationToken ct) => throw new NotSupportedException();

        public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task DeleteAsync(string key, CancellationToken ct) => throw new NotSupportedException();

        public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken ct) =>
            throw new NotSupportedException();

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var was && was != seen)
            {
                seen = was;
            }
        }
    }
}
