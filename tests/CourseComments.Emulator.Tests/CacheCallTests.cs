using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;
using static CourseComments.Emulator.Tests.EmulatorServer;

namespace CourseComments.Emulator.Tests;

/// <summary>Momento.Sdk's CacheClient (MomentoLocalProvider) against the emulator: every cache call the app
/// makes.</summary>
public sealed class CacheCallTests : IAsyncLifetime
{
    private EmulatorServer server = null!;

    public async Task InitializeAsync() => server = await StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Set_then_get_hits_and_an_unknown_key_misses()
    {
        var cache = server.CacheClient();

        Assert.IsType<CacheSetResponse.Success>(await cache.SetAsync(Cache, "key", "value ✓"));

        var hit = Assert.IsType<CacheGetResponse.Hit>(await cache.GetAsync(Cache, "key"));
        Assert.Equal("value ✓", hit.ValueString);
        Assert.IsType<CacheGetResponse.Miss>(await cache.GetAsync(Cache, "other"));
    }

    [Fact]
    public async Task SetIfNotExists_stores_only_the_first_writer()
    {
        var cache = server.CacheClient();

        Assert.IsType<CacheSetIfNotExistsResponse.Stored>(await cache.SetIfNotExistsAsync(Cache, "claim", "first"));
        Assert.IsType<CacheSetIfNotExistsResponse.NotStored>(await cache.SetIfNotExistsAsync(Cache, "claim", "second"));

        Assert.Equal("first", Assert.IsType<CacheGetResponse.Hit>(await cache.GetAsync(Cache, "claim")).ValueString);
    }

    [Fact]
    public async Task Increment_counts_from_zero_and_refuses_a_value_that_is_not_an_integer()
    {
        var cache = server.CacheClient();

        Assert.Equal(3, Assert.IsType<CacheIncrementResponse.Success>(await cache.IncrementAsync(Cache, "n", 3)).Value);
        Assert.Equal(
            1, Assert.IsType<CacheIncrementResponse.Success>(await cache.IncrementAsync(Cache, "n", -2)).Value);
        await cache.SetAsync(Cache, "text", "not a number");
        var error = Assert.IsType<CacheIncrementResponse.Error>(await cache.IncrementAsync(Cache, "text", 1));

        Assert.Equal("1", Assert.IsType<CacheGetResponse.Hit>(await cache.GetAsync(Cache, "n")).ValueString);
        Assert.Equal(MomentoErrorCode.FAILED_PRECONDITION_ERROR, error.ErrorCode);
    }

    [Fact]
    public async Task Delete_removes_the_item()
    {
        var cache = server.CacheClient();
        await cache.SetAsync(Cache, "gone", "soon");

        Assert.IsType<CacheDeleteResponse.Success>(await cache.DeleteAsync(Cache, "gone"));

        Assert.IsType<CacheGetResponse.Miss>(await cache.GetAsync(Cache, "gone"));
    }

    [Fact]
    public async Task ListConcatenateFront_puts_the_values_in_front_in_their_order_and_truncates_the_back()
    {
        var cache = server.CacheClient();
        await cache.ListPushFrontAsync(Cache, "course-2", "oldest");

        var first = Assert.IsType<CacheListConcatenateFrontResponse.Success>(
            await cache.ListConcatenateFrontAsync(Cache, "course-2", ["b", "a"], truncateBackToSize: 4));
        var second = Assert.IsType<CacheListConcatenateFrontResponse.Success>(
            await cache.ListConcatenateFrontAsync(Cache, "course-2", ["d", "c"], truncateBackToSize: 4));

        Assert.Equal((3, 4), (first.ListLength, second.ListLength));
        var all = Assert.IsType<CacheListFetchResponse.Hit>(await cache.ListFetchAsync(Cache, "course-2"));
        Assert.Equal(["d", "c", "b", "a"], all.ValueListString);
    }

    [Fact]
    public async Task ListPushFront_truncates_the_back_and_ListFetch_reads_front_first()
    {
        var cache = server.CacheClient();
        for (var i = 1; i <= 5; i++)
        {
            var pushed = Assert.IsType<CacheListPushFrontResponse.Success>(
                await cache.ListPushFrontAsync(Cache, "course-1", $"comment {i}", truncateBackToSize: 3));
            Assert.Equal(Math.Min(i, 3), pushed.ListLength);
        }

        var all = Assert.IsType<CacheListFetchResponse.Hit>(await cache.ListFetchAsync(Cache, "course-1"));
        Assert.Equal(["comment 5", "comment 4", "comment 3"], all.ValueListString);
        var middle = Assert.IsType<CacheListFetchResponse.Hit>(await cache.ListFetchAsync(Cache, "course-1", 1, -1));
        Assert.Equal(["comment 4"], middle.ValueListString);
        Assert.IsType<CacheListFetchResponse.Miss>(await cache.ListFetchAsync(Cache, "course-2"));
    }

    [Fact]
    public async Task A_list_read_as_a_scalar_is_refused()
    {
        var cache = server.CacheClient();
        await cache.ListPushFrontAsync(Cache, "a-list", "x");

        var error = Assert.IsType<CacheGetResponse.Error>(await cache.GetAsync(Cache, "a-list"));

        Assert.Equal(MomentoErrorCode.FAILED_PRECONDITION_ERROR, error.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_cache_answers_not_found()
    {
        var cache = server.CacheClient();

        Assert.Equal(MomentoErrorCode.NOT_FOUND_ERROR, Assert.IsType<CacheGetResponse.Error>(await cache.GetAsync(
            "no-such-cache", "k")).ErrorCode);
        Assert.Equal(MomentoErrorCode.NOT_FOUND_ERROR, Assert.IsType<CacheSetResponse.Error>(await cache.SetAsync(
            "no-such-cache", "k", "v")).ErrorCode);
        Assert.Equal(
            MomentoErrorCode.NOT_FOUND_ERROR,
            Assert.IsType<CacheListPushFrontResponse.Error>(await cache.ListPushFrontAsync("no-such-cache", "l",
                "v")).ErrorCode);
    }

    [Fact]
    public async Task CreateCache_makes_a_cache_once_and_ListCaches_names_it()
    {
        var cache = server.CacheClient();

        Assert.IsType<CreateCacheResponse.Success>(await cache.CreateCacheAsync("scratch"));
        Assert.IsType<CreateCacheResponse.CacheAlreadyExists>(await cache.CreateCacheAsync("scratch"));
        Assert.IsType<CacheSetResponse.Success>(await cache.SetAsync("scratch", "k", "v"));

        var list = Assert.IsType<ListCachesResponse.Success>(await cache.ListCachesAsync());
        Assert.Contains(list.Caches, c => c.Name == "scratch");
        Assert.IsType<DeleteCacheResponse.Success>(await cache.DeleteCacheAsync("scratch"));
        Assert.Equal(MomentoErrorCode.NOT_FOUND_ERROR, Assert.IsType<CacheGetResponse.Error>(await cache.GetAsync(
            "scratch", "k")).ErrorCode);
    }
}

/// <summary>TTLs on the emulator's clock: a FakeTimeProvider the test advances.</summary>
public sealed class CacheExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private EmulatorServer server = null!;

    public async Task InitializeAsync() => server = await StartAsync(clock: clock);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_item_expires_after_its_ttl()
    {
        var cache = server.CacheClient();
        await cache.SetAsync(Cache, "short", "lived", TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.IsType<CacheGetResponse.Hit>(await cache.GetAsync(Cache, "short"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.IsType<CacheGetResponse.Miss>(await cache.GetAsync(Cache, "short"));
    }

    [Fact]
    public async Task An_expired_claim_can_be_claimed_again()
    {
        var cache = server.CacheClient();
        await cache.SetIfNotExistsAsync(Cache, "claim", "first", TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.IsType<CacheSetIfNotExistsResponse.Stored>(await cache.SetIfNotExistsAsync(Cache, "claim", "second"));
    }

    [Fact]
    public async Task A_list_lives_for_its_collection_ttl_and_a_refreshing_push_extends_it()
    {
        var cache = server.CacheClient();
        var ttl = Momento.Sdk.Requests.CollectionTtl.Of(TimeSpan.FromSeconds(10));
        await cache.ListPushFrontAsync(Cache, "kept", "1", ttl: ttl);
        await cache.ListPushFrontAsync(Cache, "dropped", "1", ttl: ttl.WithNoRefreshTtlOnUpdates());

        clock.Advance(TimeSpan.FromSeconds(8));
        await cache.ListPushFrontAsync(Cache, "kept", "2", ttl: ttl);
        await cache.ListPushFrontAsync(Cache, "dropped", "2", ttl: ttl.WithNoRefreshTtlOnUpdates());
        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(["2", "1"], Assert.IsType<CacheListFetchResponse.Hit>(await cache.ListFetchAsync(Cache,
            "kept")).ValueListString);
        Assert.IsType<CacheListFetchResponse.Miss>(await cache.ListFetchAsync(Cache, "dropped"));
    }

    [Fact]
    public async Task The_sweep_drops_expired_items_without_their_being_read()
    {
        var cache = server.CacheClient();
        var store = server.Host.Services.GetRequiredService<CourseComments.MomentoEmulator.Cache.CacheStore>();
        for (var i = 0; i < 10; i++)
        {
            await cache.SetAsync(Cache, $"k{i}", "v", TimeSpan.FromSeconds(1));
        }

        Assert.Equal(10, store.Usage().Items);

        // Advancing the clock also ticks the emulator's own sweep timer; either sweep may drop them.
        clock.Advance(TimeSpan.FromSeconds(2));
        store.Sweep();

        Assert.Equal(0, store.Usage().Items);
    }
}
