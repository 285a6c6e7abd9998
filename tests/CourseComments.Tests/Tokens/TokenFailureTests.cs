using CourseComments.Tokens;
using NSubstitute;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Tokens;

/// <summary>Throttling (ours and Momento's) and Momento outages, answered as problem+json without internals.</summary>
public class TokenFailureTests
{
    [Fact]
    public async Task Our_throttle_answers_429_with_Retry_After_and_reused_tokens_are_not_throttled()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Tokens:MaxMintsPerSecond"] = "2" });
        await host.Client.SendAsync(LocalUser("alice"));
        host.Clock.Advance(TimeSpan.FromMilliseconds(400));
        await host.Client.SendAsync(LocalUser("bob"));

        var throttled = await host.Client.SendAsync(LocalUser("carol"));

        AssertProblem(throttled, 429);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(2, host.MintCount);
        Assert.Equal(200, (int)(await host.Client.SendAsync(LocalUser("alice"))).StatusCode);

        host.Clock.Advance(TimeSpan.FromMilliseconds(599));
        AssertProblem(await host.Client.SendAsync(LocalUser("carol")), 429);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(200, (int)(await host.Client.SendAsync(LocalUser("carol"))).StatusCode);
        Assert.Equal(3, host.MintCount);
    }

    [Fact]
    public async Task Momentos_throttling_is_429_with_Retry_After()
    {
        await using var host = await StartAsync();
        MintFails(host, TokenMintFailure.Throttled);

        var response = await host.Client.SendAsync(LocalUser("alice"));

        AssertProblem(response, 429);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        await AssertNoInternals(response);
    }

    [Fact]
    public async Task Momento_being_unavailable_is_503()
    {
        await using var host = await StartAsync();
        MintFails(host, TokenMintFailure.Unavailable);

        var response = await host.Client.SendAsync(LocalUser("alice"));

        AssertProblem(response, 503);
        await AssertNoInternals(response);
    }

    [Fact]
    public async Task An_unexpected_minter_exception_is_503_too()
    {
        await using var host = await StartAsync();
        host.Minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(
                Task.FromException<MintedToken>(new HttpRequestException("SECRET-INTERNAL-DETAIL connection refused")));

        var response = await host.Client.SendAsync(LocalUser("alice"));

        AssertProblem(response, 503);
        await AssertNoInternals(response);
    }

    [Fact]
    public async Task Momento_refusing_the_request_is_500_without_details()
    {
        await using var host = await StartAsync();
        MintFails(host, TokenMintFailure.Rejected);

        var response = await host.Client.SendAsync(LocalUser("alice"));

        AssertProblem(response, 500);
        await AssertNoInternals(response);
    }

    private static void MintFails(TokenHost host, TokenMintFailure failure) =>
        host.Minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<MintedToken>(
                new TokenMintException(failure, "SECRET-INTERNAL-DETAIL from the auth service")));

    private static async Task AssertNoInternals(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET-INTERNAL-DETAIL", body);
        Assert.DoesNotContain("Exception", body);
    }
}
