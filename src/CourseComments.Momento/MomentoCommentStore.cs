using CourseComments.Comments;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Momento.Sdk;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Requests;
using Momento.Sdk.Responses;

namespace CourseComments.Momento;

/// <summary>
/// <see cref="ICommentStore"/> over the Momento cache named by <see cref="MomentoOptions.CacheName"/>: one SDK call
/// per method. The SDK returns errors instead of throwing; each becomes a <see cref="CommentStoreException"/> of the
/// error code's class. The SDK takes no cancellation token, so cancelling stops the wait, not the call.
/// </summary>
public sealed class MomentoCommentStore(
    MomentoClients clients, IOptions<MomentoOptions> options, ILogger<MomentoCommentStore> logger)
    : ICommentStore
{
    private readonly string cacheName = options.Value.CacheName;

    public async Task<bool> SetIfNotExistsAsync(
        string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("SetIfNotExists", cancellationToken);
        return await cache.SetIfNotExistsAsync(cacheName, key, value, ttl).WaitAsync(cancellationToken) switch
        {
            CacheSetIfNotExistsResponse.Stored => true,
            CacheSetIfNotExistsResponse.NotStored => false,
            var other => throw Failed("SetIfNotExists", other),
        };
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("Get", cancellationToken);
        return await cache.GetAsync(cacheName, key).WaitAsync(cancellationToken) switch
        {
            CacheGetResponse.Hit hit => hit.ValueString,
            CacheGetResponse.Miss => null,
            var other => throw Failed("Get", other),
        };
    }

    public async Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("Set", cancellationToken);
        var response = await cache.SetAsync(cacheName, key, value, ttl).WaitAsync(cancellationToken);
        if (response is not CacheSetResponse.Success)
        {
            throw Failed("Set", response);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("Delete", cancellationToken);
        var response = await cache.DeleteAsync(cacheName, key).WaitAsync(cancellationToken);
        if (response is not CacheDeleteResponse.Success)
        {
            throw Failed("Delete", response);
        }
    }

    public async Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("Increment", cancellationToken);
        return await cache.IncrementAsync(cacheName, key, amount, ttl).WaitAsync(cancellationToken) switch
        {
            CacheIncrementResponse.Success success => success.Value,
            var other => throw Failed("Increment", other),
        };
    }

    public async Task ConcatenateFrontAsync(
        string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("ListConcatenateFront", cancellationToken);

        // CollectionTtl.Of refreshes the list's TTL on every push, so an active course's list never expires.
        var response = await cache.ListConcatenateFrontAsync(
                cacheName, listKey, values, truncateBackToSize: maxLength, ttl: CollectionTtl.Of(ttl))
            .WaitAsync(cancellationToken);
        if (response is not CacheListConcatenateFrontResponse.Success)
        {
            throw Failed("ListConcatenateFront", response);
        }
    }

    public async Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken)
    {
        var cache = await CacheAsync("ListFetch", cancellationToken);
        var response = await cache.ListFetchAsync(cacheName, listKey, startIndex: 0, endIndex: count)
            .WaitAsync(cancellationToken);
        return response switch
        {
            CacheListFetchResponse.Hit hit => hit.ValueListString.ToArray(),
            CacheListFetchResponse.Miss => [],
            var other => throw Failed("ListFetch", other),
        };
    }

    private async Task<ICacheClient> CacheAsync(string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.GetCacheClientAsync(cancellationToken);
        }
        catch (SecretSourceUnavailableException ex)
        {
            MomentoLog.KeyUnavailable(logger, operation);
            throw new CommentStoreException(
                StoreFailure.Unavailable, $"Momento {operation}: the API key is unavailable.", ex);
        }
        catch (SdkException ex)
        {
            // The key was read but the SDK refused it (a malformed or v2 key throws InvalidArgumentException).
            throw Failed(operation, ex.ErrorCode, ex);
        }
    }

    private CommentStoreException Failed(string operation, object response) => response is IError error
        ? Failed(operation, error.ErrorCode, error.InnerException)
        : new CommentStoreException(
            StoreFailure.Unavailable, $"Momento {operation} returned an unexpected {response.GetType().Name}.");

    private CommentStoreException Failed(string operation, MomentoErrorCode code, SdkException inner)
    {
        var failure = MomentoErrorClasses.ToStoreFailure(code);
        MomentoLog.CallFailed(logger, operation, code, failure.ToString());
        return new CommentStoreException(failure, $"Momento {operation} failed with {code}.", inner)
        {
            OutcomeUnknown = MomentoErrorClasses.LeavesOutcomeUnknown(code),
        };
    }
}
