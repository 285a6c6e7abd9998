using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CourseComments.Comments;

/// <summary>
/// Pushes comments onto their course's list with at most one store call in flight per course: comments that arrive
/// while it is in flight go together in the next call (Momento's ListConcatenateFront, newest frontmost), so a busy
/// course costs one call per round trip instead of one per comment, and a quiet one exactly one call per comment with
/// no added wait. Each caller's task completes when the call carrying its comment is answered, and fails with that
/// call's error (<see cref="CommentStoreException"/>): nothing is reported stored before the store said so.
/// </summary>
public sealed class CourseListPushes(ICommentStore store, IOptions<CommentsOptions> options)
{
    /// <summary>Comments per call at most (Momento limits a request's size; a comment is at most a few KB).</summary>
    public const int MaxPerCall = 64;

    /// <summary>Pushes between two sweeps of the courses with nothing to send. Until its sweep an idle course keeps
    /// its entry and queues for its next comment (no new ones per comment); the sweeps keep memory to the courses
    /// active lately, at a cost per push that does not grow with them.</summary>
    private const int PushesPerSweep = 1024;

    private readonly ConcurrentDictionary<string, Course> courses = new(StringComparer.Ordinal);
    private int pushes;

    /// <summary>Pushes <paramref name="item"/> (a list item's UTF-8, <see cref="StoredComment.Encode"/>) onto the
    /// front of <paramref name="courseId"/>'s list. Not cancellable: a store call cannot be recalled once sent, so the
    /// caller stops waiting instead (<c>WaitAsync</c>) and the outcome still settles the task.</summary>
    public Task PushAsync(string courseId, byte[] item)
    {
        if (Interlocked.Increment(ref pushes) % PushesPerSweep == 0)
        {
            RetireIdle();
        }

        var waiting = new Waiting(item);
        while (true)
        {
            var course = courses.GetOrAdd(courseId, static id => new Course(id));
            lock (course)
            {
                if (course.Retired)
                {
                    // Retired while idle just now. Removed here too, not only by the sweep: until it is gone every
                    // GetOrAdd returns it, and a sweep preempted before its removal would keep this loop spinning.
                    courses.TryRemove(new KeyValuePair<string, Course>(courseId, course));
                    continue;
                }

                course.Queue.Add(waiting);
                if (course.Sending)
                {
                    return waiting.Task;
                }

                course.Sending = true;
            }

            _ = SendAllAsync(course);
            return waiting.Task;
        }
    }

    private async Task SendAllAsync(Course course)
    {
        var settings = options.Value;
        while (TakeBatch(course) is { } batch)
        {
            try
            {
                // Arrival order, oldest first; the newest goes frontmost, as pushing them one by one would leave it.
                var values = new byte[batch.Count][];
                for (var i = 0; i < batch.Count; i++)
                {
                    values[batch.Count - 1 - i] = batch[i].Item;
                }

                await store.ConcatenateFrontAsync(
                    course.Id, values, settings.MaxPerCourse, settings.Ttl, CancellationToken.None);
                foreach (var waiting in batch)
                {
                    waiting.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var waiting in batch)
                {
                    waiting.TrySetException(ex);
                }
            }
        }
    }

    /// <returns>The next comments to send (the course's batch list, which only its sender touches), or null once
    /// the queue is empty.</returns>
    private static List<Waiting>? TakeBatch(Course course)
    {
        lock (course)
        {
            course.Batch.Clear(); // the previous batch is answered
            if (course.Queue.Count == 0)
            {
                course.Sending = false;
                return null;
            }

            if (course.Queue.Count <= MaxPerCall)
            {
                // The whole queue is the batch: the two lists trade places, so nothing is copied or allocated.
                (course.Queue, course.Batch) = (course.Batch, course.Queue);
            }
            else
            {
                for (var i = 0; i < MaxPerCall; i++)
                {
                    course.Batch.Add(course.Queue[i]);
                }

                course.Queue.RemoveRange(0, MaxPerCall);
            }

            return course.Batch;
        }
    }

    /// <summary>Removes the courses with nothing to send; a push that still holds one finds it retired and takes a
    /// fresh entry.</summary>
    private void RetireIdle()
    {
        foreach (var (id, course) in courses)
        {
            lock (course)
            {
                if (course.Sending)
                {
                    continue;
                }

                course.Retired = true;
            }

            courses.TryRemove(new KeyValuePair<string, Course>(id, course));
        }
    }

    /// <summary>One course's comments: those waiting for the next call and those in the call in flight. Locked while
    /// read or changed, except <see cref="Batch"/>, which only the course's sender uses between calls.</summary>
    private sealed class Course(string id)
    {
        public string Id { get; } = id;

        public List<Waiting> Queue { get; set; } = [];

        public List<Waiting> Batch { get; set; } = [];

        /// <summary>A sender is running; false only while the queue is empty.</summary>
        public bool Sending { get; set; }

        public bool Retired { get; set; }
    }

    /// <summary>One comment waiting for the call that carries it; completed with that call's outcome.</summary>
    private sealed class Waiting(byte[] item)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public byte[] Item { get; } = item;
    }
}
