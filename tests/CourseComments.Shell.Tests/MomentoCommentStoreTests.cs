using System.Text;
using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Platform;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Momento.Protos.CacheClient;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Requests;
using Momento.Sdk.Responses;
using NSubstitute;

namespace CourseComments.Shell.Tests;

public sealed class MomentoCommentStoreTests
{
    private const string CacheName = "course-comments-test";

    private readonly MomentoFakes momento = new();
    private readonly MomentoCommentStore store;

    public MomentoCommentStoreTests() =>
        store = new MomentoCommentStore(
            momento.Clients, Options.Create(new MomentoOptions { CacheName = CacheName }),
                NullLogger<MomentoCommentStore>.Instance);

    public static TheoryData<MomentoErrorCode> AllErrorCodes() => MomentoFakes.AllErrorCodes();

    [Fact]
    public async Task SetIfNotExists_claims_with_the_cache_key_value_and_ttl_and_reports_who_won()
    {
        var ttl = TimeSpan.FromSeconds(130);
        momento.Cache.SetIfNotExistsAsync(CacheName, "claim-1", "pending", ttl)
            .Returns(new CacheSetIfNotExistsResponse.Stored());
        momento.Cache.SetIfNotExistsAsync(CacheName, "claim-2", "pending", ttl)
            .Returns(new CacheSetIfNotExistsResponse.NotStored());

        Assert.True(await store.SetIfNotExistsAsync("claim-1", "pending", ttl, CancellationToken.None));
        Assert.False(await store.SetIfNotExistsAsync("claim-2", "pending", ttl, CancellationToken.None));
    }

    [Fact]
    public async Task Get_returns_a_hit_as_its_string_and_a_miss_as_null()
    {
        momento.Cache.GetAsync(CacheName, "present")
            .Returns(new CacheGetResponse.Hit(new _GetResponse { CacheBody = ByteString.CopyFromUtf8("stored") }));
        momento.Cache.GetAsync(CacheName, "absent").Returns(new CacheGetResponse.Miss());

        Assert.Equal("stored", await store.GetAsync("present", CancellationToken.None));
        Assert.Null(await store.GetAsync("absent", CancellationToken.None));
    }

    [Fact]
    public async Task Set_and_delete_pass_their_arguments_through()
    {
        momento.Cache.SetAsync(CacheName, "claim", "stored", TimeSpan.FromMinutes(2))
            .Returns(new CacheSetResponse.Success());
        momento.Cache.DeleteAsync(CacheName, "claim").Returns(new CacheDeleteResponse.Success());

        await store.SetAsync("claim", "stored", TimeSpan.FromMinutes(2), CancellationToken.None);
        await store.DeleteAsync("claim", CancellationToken.None);

        await momento.Cache.Received(1).SetAsync(CacheName, "claim", "stored", TimeSpan.FromMinutes(2));
        await momento.Cache.Received(1).DeleteAsync(CacheName, "claim");
    }

    [Fact]
    public async Task ConcatenateFront_truncates_the_back_to_the_bound_and_refreshes_the_collection_ttl()
    {
        momento.Cache.ListConcatenateFrontAsync(CacheName, "123", Items("new", "old"), 100, Arg.Any<CollectionTtl>())
            .Returns(
                new CacheListConcatenateFrontResponse.Success(new _ListConcatenateFrontResponse { ListLength = 2 }));

        await store.ConcatenateFrontAsync(
            "123", [Utf8("new"), Utf8("old")], 100, TimeSpan.FromHours(24), CancellationToken.None);

        await momento.Cache.Received(1).ListConcatenateFrontAsync(
            CacheName, "123", Items("new", "old"), 100, new CollectionTtl(TimeSpan.FromHours(24), RefreshTtl: true));
    }

    [Fact]
    public async Task Fetch_asks_for_the_first_count_items_and_returns_a_miss_as_empty()
    {
        var found = new _ListFetchResponse.Types._Found();
        found.Values.Add(ByteString.CopyFromUtf8("newest"));
        found.Values.Add(ByteString.CopyFromUtf8("older"));
        momento.Cache.ListFetchAsync(CacheName, "123", 0, 2)
            .Returns(new CacheListFetchResponse.Hit(new _ListFetchResponse { Found = found }));
        momento.Cache.ListFetchAsync(CacheName, "456", 0, 2).Returns(new CacheListFetchResponse.Miss());

        Assert.Equal(["newest", "older"], await store.FetchAsync("123", 2, CancellationToken.None));
        Assert.Empty(await store.FetchAsync("456", 2, CancellationToken.None));
    }

    [Fact]
    public async Task Increment_adds_the_amount_with_the_ttl_and_returns_the_count()
    {
        var ttl = TimeSpan.FromMinutes(1);
        momento.Cache.IncrementAsync(CacheName, "comment-count:0:alice", 1, ttl)
            .Returns(new CacheIncrementResponse.Success(new _IncrementResponse { Value = 3 }));

        momento.Cache.IncrementAsync(CacheName, "comment-count:0:alice", -1, ttl)
            .Returns(new CacheIncrementResponse.Success(new _IncrementResponse { Value = 2 }));

        Assert.Equal(3, await store.IncrementAsync("comment-count:0:alice", 1, ttl, CancellationToken.None));
        Assert.Equal(2, await store.IncrementAsync("comment-count:0:alice", -1, ttl, CancellationToken.None));
        await momento.Cache.Received(1).IncrementAsync(CacheName, "comment-count:0:alice", 1, ttl);
    }

    [Theory]
    [MemberData(nameof(AllErrorCodes))]
    public async Task Every_operation_turns_an_error_into_the_failure_class_of_its_code(MomentoErrorCode code)
    {
        var error = new TestSdkException(code);
        momento.Cache.SetIfNotExistsAsync(CacheName, "k", "v", Arg.Any<TimeSpan?>())
            .Returns(new CacheSetIfNotExistsResponse.Error(error));
        momento.Cache.GetAsync(CacheName, "k").Returns(new CacheGetResponse.Error(error));
        momento.Cache.SetAsync(CacheName, "k", "v", Arg.Any<TimeSpan?>()).Returns(new CacheSetResponse.Error(error));
        momento.Cache.DeleteAsync(CacheName, "k").Returns(new CacheDeleteResponse.Error(error));
        momento.Cache.ListConcatenateFrontAsync(CacheName, "k", Items("v"), Arg.Any<int?>(), Arg.Any<CollectionTtl>())
            .Returns(new CacheListConcatenateFrontResponse.Error(error));
        momento.Cache.ListFetchAsync(CacheName, "k", Arg.Any<int?>(), Arg.Any<int?>())
            .Returns(new CacheListFetchResponse.Error(error));
        momento.Cache.IncrementAsync(CacheName, "k", 1, Arg.Any<TimeSpan?>())
            .Returns(new CacheIncrementResponse.Error(error));
        var ttl = TimeSpan.FromMinutes(1);

        Func<Task>[] operations =
        [
            () => store.SetIfNotExistsAsync("k", "v", ttl, CancellationToken.None),
            () => store.GetAsync("k", CancellationToken.None),
            () => store.SetAsync("k", "v", ttl, CancellationToken.None),
            () => store.DeleteAsync("k", CancellationToken.None),
            () => store.ConcatenateFrontAsync("k", [Utf8("v")], 10, ttl, CancellationToken.None),
            () => store.FetchAsync("k", 10, CancellationToken.None),
            () => store.IncrementAsync("k", 1, ttl, CancellationToken.None),
        ];

        foreach (var operation in operations)
        {
            var failure = await Assert.ThrowsAsync<CommentStoreException>(operation);
            Assert.Equal(MomentoErrorClasses.ToStoreFailure(code), failure.Failure);
            Assert.Contains(code.ToString(), failure.Message);
            Assert.Same(error, failure.InnerException);
        }
    }

    [Fact]
    public async Task The_cache_client_is_built_once_from_the_api_key_and_reused()
    {
        momento.Cache.GetAsync(CacheName, Arg.Any<string>()).Returns(new CacheGetResponse.Miss());

        await store.GetAsync("a", CancellationToken.None);
        await store.GetAsync("b", CancellationToken.None);

        Assert.Equal(1, momento.CacheClientsBuilt);
    }

    [Fact]
    public async Task An_unavailable_api_key_is_an_unavailable_store_and_is_retried_on_the_next_call()
    {
        momento.KeyVaultDown();
        var failure = await Assert.ThrowsAsync<CommentStoreException>(
            () => store.GetAsync("k", CancellationToken.None));

        momento.KeyIs(MomentoFakes.ApiKey);
        momento.Cache.GetAsync(CacheName, "k").Returns(new CacheGetResponse.Miss());
        var later = await store.GetAsync("k", CancellationToken.None);

        Assert.Equal(StoreFailure.Unavailable, failure.Failure);
        Assert.Null(later);
    }

    [Fact]
    public async Task An_api_key_the_sdk_refuses_is_a_rejected_store()
    {
        momento.KeyIs("not-a-legacy-key");

        var failure = await Assert.ThrowsAsync<CommentStoreException>(
            () => store.GetAsync("k", CancellationToken.None));

        Assert.Equal(StoreFailure.Rejected, failure.Failure);
        Assert.DoesNotContain("not-a-legacy-key", failure.Message);
    }

    [Fact]
    public async Task Cancelling_stops_waiting_for_a_slow_call()
    {
        var never = new TaskCompletionSource<CacheListConcatenateFrontResponse>();
        momento.Cache.ListConcatenateFrontAsync(
            CacheName, "123", Items("item"), Arg.Any<int?>(), Arg.Any<CollectionTtl>())
            .Returns(never.Task);
        using var cancel = new CancellationTokenSource();

        var push = store.ConcatenateFrontAsync("123", [Utf8("item")], 100, TimeSpan.FromHours(1), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push);
    }

    private static IEnumerable<byte[]> Items(params string[] values) =>
        Arg.Is<IEnumerable<byte[]>>(given => given.Select(Encoding.UTF8.GetString).SequenceEqual(values));

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
