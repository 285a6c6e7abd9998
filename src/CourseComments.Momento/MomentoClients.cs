using CourseComments.Platform;
using CourseComments.Secrets;
using Microsoft.Extensions.Logging;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Config;

namespace CourseComments.Momento;

/// <summary>How a client is made from the API key; tests substitute these.</summary>
public sealed record MomentoClientFactory(Func<string, ICacheClient> CreateCacheClient, Func<string,
    IAuthClient> CreateAuthClient)
{
    public static MomentoClientFactory Create(ILoggerFactory loggerFactory, TimeSpan defaultTtl) => new(
        apiKey => new CacheClient(Configurations.InRegion.Lambda.Latest(loggerFactory), Credentials(apiKey),
            defaultTtl),
        apiKey => new AuthClient(AuthConfigurations.Default.Latest(loggerFactory), Credentials(apiKey)));

    /// <summary>Clients of the Momento emulator at <paramref name="host"/>:<paramref name="port"/> through
    /// <c>MomentoLocalProvider</c> (plaintext HTTP/2, the empty super-user credential); the API key is not used. The
    /// Laptop preset's 15 s deadline suits a shared development machine better than the in-region 1.1 s.</summary>
    public static MomentoClientFactory CreateLocal(ILoggerFactory loggerFactory, TimeSpan defaultTtl, string host,
        int port) => new(
        _ => new CacheClient(Configurations.Laptop.Latest(loggerFactory), new MomentoLocalProvider(host, port),
            defaultTtl),
        _ => new AuthClient(AuthConfigurations.Default.Latest(loggerFactory), new MomentoLocalProvider(host, port)));

    // The obsolete legacy-key provider on purpose: the .NET AuthClient mints disposable tokens only with a legacy
    // (v1) super-user key, and one key serves both clients.
#pragma warning disable CS0618
    private static StringMomentoTokenProvider Credentials(string apiKey) => new(apiKey);
#pragma warning restore CS0618
}

/// <summary>The process's one cache client and one auth client, both built from the Key Vault API key on first
/// use.</summary>
public sealed class MomentoClients : IDisposable
{
    private readonly BuiltOnFirstUse<ICacheClient> cache;
    private readonly BuiltOnFirstUse<IAuthClient> auth;

    public MomentoClients(IMomentoApiKeySource apiKey, MomentoClientFactory factory)
    {
        cache = new BuiltOnFirstUse<ICacheClient>(async ct => factory.CreateCacheClient(await apiKey.GetAsync(ct)));
        auth = new BuiltOnFirstUse<IAuthClient>(async ct => factory.CreateAuthClient(await apiKey.GetAsync(ct)));
    }

    public ValueTask<ICacheClient> GetCacheClientAsync(CancellationToken cancellationToken) => cache.GetAsync(
        cancellationToken);

    public ValueTask<IAuthClient> GetAuthClientAsync(CancellationToken cancellationToken) => auth.GetAsync(
        cancellationToken);

    public void Dispose()
    {
        cache.Dispose();
        auth.Dispose();
    }
}
