using CourseComments.Momento;
using CourseComments.Secrets;
using CourseComments.Webhooks;
using Momento.Sdk;
using Momento.Sdk.Exceptions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CourseComments.Shell.Tests;

/// <summary>An SDK failure with a chosen error code, as the SDK wraps into every response's <c>Error</c>.</summary>
public sealed class TestSdkException(MomentoErrorCode code) : SdkException(code, $"test failure {code}");

/// <summary>Substituted Momento clients behind a real <see cref="MomentoClients"/>, counting how often each is
/// built.</summary>
public sealed class MomentoFakes
{
    public const string ApiKey = "legacy-api-key";

    public MomentoFakes()
    {
        ApiKeySource.GetAsync(Arg.Any<CancellationToken>()).Returns(ApiKey);
        Clients = new MomentoClients(
            ApiKeySource,
            new MomentoClientFactory(
                key =>
                {
                    CacheClientsBuilt++;
                    return key == ApiKey ? Cache
                        : throw new InvalidArgumentException("The supplied Momento authToken is not valid.");
                },
                key =>
                {
                    AuthClientsBuilt++;
                    return key == ApiKey ? Auth
                        : throw new InvalidArgumentException("The supplied Momento authToken is not valid.");
                }));
    }

    public ICacheClient Cache { get; } = Substitute.For<ICacheClient>();

    public IAuthClient Auth { get; } = Substitute.For<IAuthClient>();

    public IMomentoApiKeySource ApiKeySource { get; } = Substitute.For<IMomentoApiKeySource>();

    public MomentoClients Clients { get; }

    public int CacheClientsBuilt { get; private set; }

    public int AuthClientsBuilt { get; private set; }

    public void KeyVaultDown() =>
        ApiKeySource.GetAsync(Arg.Any<CancellationToken>()).Throws(
            new SecretSourceUnavailableException("Key Vault secret 'momento-api-key' was not read within 00:00:10."));

    public void KeyIs(string key) => ApiKeySource.GetAsync(Arg.Any<CancellationToken>()).Returns(key);

    public static TheoryData<MomentoErrorCode> AllErrorCodes() => new(Enum.GetValues<MomentoErrorCode>());
}
