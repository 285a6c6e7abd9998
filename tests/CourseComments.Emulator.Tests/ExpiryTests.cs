using CourseComments.MomentoEmulator.Cache;
using CourseComments.MomentoEmulator.Hosting;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseComments.Emulator.Tests;

/// <summary>The cache's expiry heap under the app's write pattern (a claim written twice, a list refreshed on
/// every push): one place per item, whatever the number of writes; refreshed items neither swept nor evicted
/// early.</summary>
public sealed class ExpiryTests
{
    private const string Cache = "course-comments";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Rewrites_and_refreshes_keep_one_heap_place_per_item()
    {
        var store = Store();
        var list = ByteString.CopyFromUtf8("course-1");
        for (var i = 0; i < 10_000; i++)
        {
            var claim = ByteString.CopyFromUtf8($"webhook-event:{i}");
            var pending = ByteString.CopyFromUtf8("pending");
            store.SetIf(Cache, claim, pending, TimeSpan.FromMinutes(2), current => current is null);
            var comment = ByteString.CopyFromUtf8($"comment {i}");
            store.ListPushFront(Cache, list, comment, TimeSpan.FromHours(24), true, truncateBackToSize: 100);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            store.Set(Cache, claim, ByteString.CopyFromUtf8("stored"), TimeSpan.FromMinutes(2));
        }

        Assert.Equal(10_001, store.Usage().Items);
        Assert.Equal(10_001, store.ExpiryMarks);
    }

    [Fact]
    public void A_rewritten_item_lives_to_its_new_expiry_and_then_is_swept()
    {
        var store = Store();
        var key = ByteString.CopyFromUtf8("claim");
        store.Set(Cache, key, ByteString.CopyFromUtf8("pending"), TimeSpan.FromSeconds(1));
        store.Set(Cache, key, ByteString.CopyFromUtf8("stored"), TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(2));
        store.Sweep();
        Assert.Equal("stored", store.Get(Cache, key)?.ToStringUtf8());

        clock.Advance(TimeSpan.FromSeconds(9));
        store.Sweep();
        Assert.Equal(0, store.Usage().Items);
        Assert.Equal(0, store.ExpiryMarks);
    }

    [Fact]
    public void Eviction_takes_the_item_closest_to_its_current_expiry()
    {
        var store = Store(maxItems: 2);
        var (a, b, c) = (ByteString.CopyFromUtf8("a"), ByteString.CopyFromUtf8("b"), ByteString.CopyFromUtf8("c"));
        store.Set(Cache, a, ByteString.CopyFromUtf8("v"), TimeSpan.FromMinutes(1));
        store.Set(Cache, b, ByteString.CopyFromUtf8("v"), TimeSpan.FromMinutes(5));
        store.Set(Cache, a, ByteString.CopyFromUtf8("v"), TimeSpan.FromMinutes(9));

        store.Set(Cache, c, ByteString.CopyFromUtf8("v"), TimeSpan.FromMinutes(7));

        Assert.NotNull(store.Get(Cache, a));
        Assert.Null(store.Get(Cache, b));
        Assert.NotNull(store.Get(Cache, c));
    }

    private CacheStore Store(int maxItems = 100_000) =>
        new(Options.Create(new EmulatorOptions { Caches = [Cache], MaxItems = maxItems }), clock);
}
