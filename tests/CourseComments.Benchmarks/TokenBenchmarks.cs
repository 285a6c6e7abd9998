using System.Text;
using BenchmarkDotNet.Attributes;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>
/// <c>POST /api/tokens</c> for a user whose token is already cached: what nearly every call costs, since a user's
/// token is reused until close to expiry. Local mode, so the one real mint (in setup) needs no account.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"user":"alice"}""");

    private ServiceProvider services = null!;
    private TokenEndpoint endpoint = null!;
    private TokenIssuer issuer = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        services = BenchmarkApp.Build(TimeProvider.System);
        endpoint = services.GetRequiredService<TokenEndpoint>();
        issuer = services.GetRequiredService<TokenIssuer>();
        var status = await IssueCachedToken();
        if (status != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"The token endpoint answered {status} in setup.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark]
    public async Task<int> IssueCachedToken()
    {
        var context = BenchmarkApp.Request(services, HttpMethods.Post, Body);
        var result = await endpoint.HandleAsync(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Benchmark]
    public Task<MintedToken> CachedTokenFromIssuer() =>
        issuer.GetAsync("alice", replaced: null, CancellationToken.None);
}
