using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseComments.Tests.Delivery;

/// <summary>The subscriber lease over one shared store, on a fake clock that moves both the store's TTLs and the
/// lease's own timing.</summary>
public sealed class DeliveryLeaseTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly CacheItems shared;

    public DeliveryLeaseTests() => shared = new CacheItems(clock);

    [Fact]
    public async Task At_most_two_instances_hold_a_slot()
    {
        var (a, b, c) = (Lease(), Lease(), Lease());

        Assert.True(await a.TryAcquireAsync(default));
        Assert.True(await b.TryAcquireAsync(default));
        Assert.False(await c.TryAcquireAsync(default));
        Assert.Equal((0, 1, (int?)null), (a.Slot!.Value, b.Slot!.Value, c.Slot));
    }

    [Fact]
    public async Task A_holder_that_keeps_renewing_keeps_its_slot()
    {
        var (holder, standby) = (Lease(), Lease(subscribers: 1));
        await holder.TryAcquireAsync(default);

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(holder.RenewInterval);
            Assert.True(holder.RenewDue);
            Assert.True(await holder.RenewAsync(default));
            Assert.False(await standby.TryAcquireAsync(default));
        }

        Assert.True(holder.IsValid);
    }

    [Fact]
    public async Task A_holder_that_stops_renewing_is_taken_over_once_the_ttl_has_passed_and_has_stopped_before()
    {
        var (holder, standby) = (Lease(subscribers: 1), Lease(subscribers: 1));
        await holder.TryAcquireAsync(default);

        clock.Advance(Ttl * 2 / 3);
        Assert.False(holder.IsValid); // it stops subscribing here, a third of the TTL before anyone can take over
        Assert.False(await standby.TryAcquireAsync(default));

        clock.Advance(Ttl / 3);
        Assert.True(await standby.TryAcquireAsync(default));
        Assert.False(await holder.RenewAsync(default)); // the old holder finds the slot taken
        Assert.Null(holder.Slot);
    }

    [Fact]
    public async Task A_renew_whose_answer_comes_too_late_counts_as_lost()
    {
        var slow = new SlowStore(shared, clock);
        var holder = Lease(store: slow, subscribers: 1);
        await holder.TryAcquireAsync(default);
        clock.Advance(holder.RenewInterval);

        slow.Latency = Ttl / 2; // started at a third, answered after two thirds of the TTL
        Assert.False(await holder.RenewAsync(default));
        Assert.False(holder.IsValid);
    }

    [Fact]
    public async Task A_store_outage_keeps_the_lease_only_while_it_cannot_have_expired()
    {
        var holder = Lease(subscribers: 1);
        await holder.TryAcquireAsync(default);
        shared.Down = true;

        clock.Advance(holder.RenewInterval);
        Assert.True(await holder.RenewAsync(default));
        clock.Advance(holder.RenewInterval);
        Assert.False(await holder.RenewAsync(default));
        Assert.Null(holder.Slot);
    }

    [Fact]
    public async Task A_set_if_absent_that_timed_out_but_landed_is_recognised_as_ours_not_left_to_expire()
    {
        var holder = Lease();
        shared.LandThenFail = true; // the write reaches the cache, the answer does not reach us
        Assert.False(await holder.TryAcquireAsync(default));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await holder.TryAcquireAsync(default));
        Assert.Equal(0, holder.Slot);

        await holder.ReleaseAsync(default);
        Assert.True(await Lease(subscribers: 1).TryAcquireAsync(default)); // slot 0 freed, not held for a TTL
    }

    [Fact]
    public async Task Releasing_frees_the_slot_at_once()
    {
        var (holder, standby) = (Lease(subscribers: 1), Lease(subscribers: 1));
        await holder.TryAcquireAsync(default);

        await holder.ReleaseAsync(default);

        Assert.True(await standby.TryAcquireAsync(default));
    }

    [Fact]
    public async Task Releasing_late_in_the_lease_leaves_the_key_to_expire()
    {
        var (holder, standby) = (Lease(subscribers: 1), Lease(subscribers: 1));
        await holder.TryAcquireAsync(default);
        clock.Advance(Ttl * 2 / 3);

        await holder.ReleaseAsync(default);

        Assert.False(await standby.TryAcquireAsync(default));
        clock.Advance(Ttl / 3);
        Assert.True(await standby.TryAcquireAsync(default));
    }

    private DeliveryLease Lease(ICommentStore? store = null, int subscribers = 2) => new(
        store ?? shared,
        clock,
        Options.Create(new DeliveryOptions { LeaseTtl = Ttl, Subscribers = subscribers }),
        Options.Create(new MomentoOptions()),
        NullLogger<DeliveryLease>.Instance);

    /// <summary>
    /// The cache items a lease uses (set-if-absent, get, set, delete) with TTLs on the fake clock, as Momento keeps
    /// them; <see cref="Down"/> makes every call fail as an unreachable cache does. Lists and counters are not a
    /// lease's business.
    /// </summary>
    private sealed class CacheItems(TimeProvider clock) : ICommentStore
    {
        private readonly Dictionary<string, (string Value, DateTimeOffset ExpiresAt)> items = [];

        public bool Down { get; set; }

        /// <summary>The next set-if-absent is applied, then answered with a failure (a timeout on the way
        /// back).</summary>
        public bool LandThenFail { get; set; }

        public Task<bool> SetIfNotExistsAsync(
            string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
        {
            if (Live(key) is not null)
            {
                return Task.FromResult(false);
            }

            items[key] = (value, clock.GetUtcNow() + ttl);
            if (LandThenFail)
            {
                LandThenFail = false;
                throw new CommentStoreException(StoreFailure.Unavailable, "timed out");
            }

            return Task.FromResult(true);
        }

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Live(key));

        public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
        {
            ThrowWhenDown();
            items[key] = (value, clock.GetUtcNow() + ttl);
            return Task.CompletedTask;
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            ThrowWhenDown();
            items.Remove(key);
            return Task.CompletedTask;
        }

        public Task ConcatenateFrontAsync(
            string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl,
                CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        private string? Live(string key)
        {
            ThrowWhenDown();
            return items.TryGetValue(key, out var item) && item.ExpiresAt > clock.GetUtcNow() ? item.Value : null;
        }

        private void ThrowWhenDown()
        {
            if (Down)
            {
                throw new CommentStoreException(StoreFailure.Unavailable, "down");
            }
        }
    }

    /// <summary>Each read takes <see cref="Latency"/> on the fake clock.</summary>
    private sealed class SlowStore(ICommentStore inner, FakeTimeProvider clock) : ICommentStore
    {
        public TimeSpan Latency { get; set; }

        public Task<bool> SetIfNotExistsAsync(
            string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
            inner.SetIfNotExistsAsync(key, value, ttl, cancellationToken);

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
        {
            clock.Advance(Latency);
            return inner.GetAsync(key, cancellationToken);
        }

        public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
            inner.SetAsync(key, value, ttl, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
            inner.DeleteAsync(key, cancellationToken);

        public Task ConcatenateFrontAsync(
            string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl,
                CancellationToken cancellationToken) =>
            inner.ConcatenateFrontAsync(listKey, values, maxLength, ttl, cancellationToken);

        public Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken) =>
            inner.IncrementAsync(key, amount, ttl, cancellationToken);

        public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
            inner.FetchAsync(listKey, count, cancellationToken);
    }
}
