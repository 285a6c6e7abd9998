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

    private readonly ConcurrentDictionary<string, Course> courses = new(StringComparer.Ordinal);

    /// <summary>Pushes <paramref name="item"/> (a serialized comment) onto the front of
    /// <paramref name="courseId"/>'s list. Not cancellable: a store call cannot be recalled once sent, so the caller
    /// stops waiting instead (<c>WaitAsync</c>) and the outcome still settles the task.</summary>
    public Task PushAsync(string courseId, string item)
    {
        var waiting = new Waiting(item);
        while (true)
        {
            var course = courses.GetOrAdd(courseId, static id => new Course(id));
            lock (course)
            {
                if (course.Retired)
                {
                    continue; // Removed while idle just now: the next GetOrAdd makes a fresh one.
                }

                course.Queue.Add(waiting);
                if (course.Sending)
                {
                    return waiting.Done.Task;
                }

                course.Sending = true;
            }

            _ = SendAllAsync(course);
            return waiting.Done.Task;
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
                var values = new string[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    values[batch.Count - 1 - i] = batch[i].Item;
                }

                await store.ConcatenateFrontAsync(
                    course.Id, values, settings.MaxPerCourse, settings.Ttl, CancellationToken.None);
                batch.ForEach(waiting => waiting.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(waiting => waiting.Done.TrySetException(ex));
            }
        }
    }

    /// <returns>The next comments to send, or null once the queue is empty (the course is then retired).</returns>
    private List<Waiting>? TakeBatch(Course course)
    {
        lock (course)
        {
            if (course.Queue.Count == 0)
            {
                course.Sending = false;
                course.Retired = true;
                courses.TryRemove(new KeyValuePair<string, Course>(course.Id, course));
                return null;
            }

            var count = Math.Min(course.Queue.Count, MaxPerCall);
            var batch = course.Queue.GetRange(0, count);
            course.Queue.RemoveRange(0, count);
            return batch;
        }
    }

    private sealed class Course(string id)
    {
        public string Id { get; } = id;

        public List<Waiting> Queue { get; } = [];

        public bool Sending { get; set; }

        public bool Retired { get; set; }
    }

    private sealed class Waiting(string item)
    {
        public string Item { get; } = item;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
