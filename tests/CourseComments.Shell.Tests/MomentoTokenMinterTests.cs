using CourseComments.Momento;
using CourseComments.Platform;
using CourseComments.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Momento.Protos.TokenClient;
using Momento.Sdk.Auth.AccessControl;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;
using NSubstitute;

namespace CourseComments.Shell.Tests;

public sealed class MomentoTokenMinterTests
{
    private static readonly PublishTokenRequest Request = new(
        "alice", "course-comments", "comment", TimeSpan.FromMinutes(30));

    private readonly MomentoFakes momento = new();
    private readonly MomentoTokenMinter minter;

    public MomentoTokenMinterTests() => minter = new MomentoTokenMinter(
        momento.Clients, Options.Create(new MomentoOptions { Mode = MomentoMode.Momento }), TimeProvider.System,
            NullLogger<MomentoTokenMinter>.Instance);

    public static TheoryData<MomentoErrorCode> AllErrorCodes() => MomentoFakes.AllErrorCodes();

    [Fact]
    public async Task Mints_a_publish_only_token_for_the_one_topic_with_the_lifetime_and_the_users_token_id()
    {
        DisposableTokenScope? scope = null;
        ExpiresIn? expiresIn = null;
        string? tokenId = null;
        momento.Auth.GenerateDisposableTokenAsync(
            Arg.Any<DisposableTokenScope>(), Arg.Any<ExpiresIn>(), Arg.Any<string?>())
            .Returns(call =>
            {
                scope = call.ArgAt<DisposableTokenScope>(0);
                expiresIn = call.ArgAt<ExpiresIn>(1);
                tokenId = call.ArgAt<string?>(2);
                return Success();
            });

        await minter.MintPublishOnlyAsync(Request, CancellationToken.None);

        var permission = Assert.Single(scope!.Permissions);
        Assert.Equal(
            new DisposableToken.TopicPermission(
                TopicRole.PublishOnly, CacheSelector.ByName("course-comments"), TopicSelector.ByName("comment")),
            permission);
        Assert.Equal(30 * 60, expiresIn!.Seconds());
        Assert.Equal("alice", tokenId);
    }

    [Fact]
    public async Task Returns_the_token_its_expiry_and_the_topics_http_base_url_of_its_endpoint()
    {
        var success = Success();
        momento.Auth.GenerateDisposableTokenAsync(
            Arg.Any<DisposableTokenScope>(), Arg.Any<ExpiresIn>(), Arg.Any<string?>()).Returns(success);

        var minted = await minter.MintPublishOnlyAsync(Request, CancellationToken.None);

        Assert.Equal(success.AuthToken, minted.Token);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000), minted.ExpiresAt);
        Assert.Equal(new Uri("https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com"), minted.TopicsBaseUrl);
    }

    [Theory]
    [MemberData(nameof(AllErrorCodes))]
    public async Task An_error_becomes_the_mint_failure_class_of_its_code(MomentoErrorCode code)
    {
        var error = new TestSdkException(code);
        momento.Auth.GenerateDisposableTokenAsync(
            Arg.Any<DisposableTokenScope>(), Arg.Any<ExpiresIn>(), Arg.Any<string?>())
            .Returns(new GenerateDisposableTokenResponse.Error(error));

        var failure = await Assert.ThrowsAsync<TokenMintException>(
            () => minter.MintPublishOnlyAsync(Request, CancellationToken.None));

        Assert.Equal(MomentoErrorClasses.ToMintFailure(code), failure.Failure);
        Assert.Contains(code.ToString(), failure.Message);
        Assert.Same(error, failure.InnerException);
    }

    [Fact]
    public async Task An_unavailable_api_key_is_an_unavailable_minter()
    {
        momento.KeyVaultDown();

        var failure = await Assert.ThrowsAsync<TokenMintException>(
            () => minter.MintPublishOnlyAsync(Request, CancellationToken.None));

        Assert.Equal(TokenMintFailure.Unavailable, failure.Failure);
        Assert.Equal(0, momento.AuthClientsBuilt);
    }

    [Fact]
    public async Task One_auth_client_serves_every_mint()
    {
        momento.Auth.GenerateDisposableTokenAsync(
            Arg.Any<DisposableTokenScope>(), Arg.Any<ExpiresIn>(), Arg.Any<string?>()).Returns(_ => Success());

        await minter.MintPublishOnlyAsync(Request, CancellationToken.None);
        await minter.MintPublishOnlyAsync(Request with { TokenId = "bob" }, CancellationToken.None);

        Assert.Equal(1, momento.AuthClientsBuilt);
    }

    private static GenerateDisposableTokenResponse.Success Success() =>
        new(new _GenerateDisposableTokenResponse
        {
            ApiKey = "disposable-key",
            Endpoint = "cell-4-us-west-2-1.prod.a.momentohq.com",
            ValidUntil = 1_795_000_000,
        });
}
