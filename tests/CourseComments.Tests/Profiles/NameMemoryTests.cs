using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Profiles;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Profiles;

/// <summary>The display names an instance keeps in memory: the instance that writes a profile shows the new name on
/// its next read, even when a read of the old one was in flight while it wrote.</summary>
public class NameMemoryTests
{
    private const string Zoe = "aad:sub-7";

    [Fact]
    public async Task A_read_of_the_old_name_that_finishes_after_a_write_does_not_bring_the_old_name_back()
    {
        HeldReadsStore? store = null;
        await using var app = await TestApp.StartAsync(configureServices: services =>
            services.AddSingleton<ICommentStore>(provider => store = new HeldReadsStore(
                ActivatorUtilities.CreateInstance<MomentoCommentStore>(provider))));
        var profiles = app.Services.GetRequiredService<ProfileStore>();
        await app.Store.SetAsync(
            ProfileStore.KeyFor(Zoe), """{"displayName":"Zoë"}""", TimeSpan.FromHours(1), default);

        store!.HoldReads();
        var inFlight = profiles.ReadDisplayNameAsync(Zoe, default).AsTask();
        await store.ReadHeld.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await profiles.WriteAsync(Zoe, "Zoë Renamed", default);
        store.ReleaseReads();
        await inFlight.WaitAsync(TimeSpan.FromSeconds(10)); // either name: it overlapped the rename
        var next = await profiles.ReadDisplayNameAsync(Zoe, default);

        Assert.Equal("Zoë Renamed", next);
    }

    /// <summary>The app's real store; while held, a Get's answer (read at once) is handed back only on
    /// release.</summary>
    private sealed class HeldReadsStore(ICommentStore inner) : ICommentStore
    {
        private TaskCompletionSource? gate;

        public TaskCompletionSource ReadHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void HoldReads() => gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseReads() => gate?.TrySetResult();

        public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var value = await inner.GetAsync(key, cancellationToken);
            if (gate is { } held)
            {
                ReadHeld.TrySetResult();
                await held.Task;
            }

            return value;
        }

        public Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken ct) =>
            inner.SetIfNotExistsAsync(key, value, ttl, ct);

        public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken ct) =>
            inner.SetAsync(key, value, ttl, ct);

        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

        public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken ct) =>
            inner.IncrementAsync(key, amount, ttl, ct);

        public Task ConcatenateFrontAsync(
            string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl, CancellationToken ct) =>
            inner.ConcatenateFrontAsync(listKey, values, maxLength, ttl, ct);

        public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken ct) =>
            inner.FetchAsync(listKey, count, ct);
    }
}
