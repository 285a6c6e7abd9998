using Azure;
using Azure.Security.KeyVault.Secrets;
using NSubstitute;

namespace CourseComments.Tests.Secrets;

/// <summary>
/// A Key Vault behind a substituted <see cref="SecretClient"/> (its methods are virtual for mocking): secrets with
/// versions, served the way the service does (no version = the newest; a disabled version is refused with 403).
/// </summary>
public sealed class FakeVault
{
    private readonly List<(SecretProperties Properties, string Value)> versions = [];
    private int versionCounter;

    public FakeVault()
    {
        Client.GetSecretAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult(Get(call.ArgAt<string>(0), call.ArgAt<string?>(1))));
        Client.GetPropertiesOfSecretVersionsAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => AsyncPageable<SecretProperties>.FromPages(
            [
                Page<SecretProperties>.FromValues(VersionsOf(call.ArgAt<string>(0)).Select(v => v.Properties).ToList(),
                    null, Substitute.For<Response>()),
            ]));
    }

    public SecretClient Client { get; } = Substitute.For<SecretClient>();

    public int SecretReads => Client.ReceivedCalls()
        .Count(c => c.GetMethodInfo().Name == nameof(SecretClient.GetSecretAsync));

    public SecretProperties Add(string name, string value, DateTimeOffset createdOn)
    {
        var properties = SecretModelFactory.SecretProperties(
            name: name, version: $"v{Interlocked.Increment(ref versionCounter)}", createdOn: createdOn);
        properties.Enabled = true;
        lock (versions)
        {
            versions.Add((properties, value));
        }

        return properties;
    }

    /// <summary>From now on every call fails as <paramref name="failure"/> does.</summary>
    public void FailWith(Exception failure)
    {
        Client.GetSecretAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Response<KeyVaultSecret>>(failure));
    }

    /// <summary>From now on reads never answer; they end only when their cancellation token fires.</summary>
    public void Hang()
    {
        Client.GetSecretAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var pending = new TaskCompletionSource<Response<KeyVaultSecret>>();
                var token = call.ArgAt<CancellationToken>(2);
                token.Register(() => pending.TrySetCanceled(token));
                return pending.Task;
            });
    }

    private Response<KeyVaultSecret> Get(string name, string? version)
    {
        var candidates = VersionsOf(name);
        var (properties, value) = version is null
            ? candidates.OrderByDescending(v => v.Properties.CreatedOn).FirstOrDefault()
            : candidates.FirstOrDefault(v => v.Properties.Version == version);
        if (properties is null)
        {
            throw new RequestFailedException(
                404, $"A secret with (name/id) {name} was not found in this key vault.", "SecretNotFound", null);
        }

        if (properties.Enabled != true)
        {
            throw new RequestFailedException(
                403, "Operation get is not allowed on a disabled secret.", "Forbidden", null);
        }

        return Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, value), Substitute.For<Response>());
    }

    private List<(SecretProperties Properties, string Value)> VersionsOf(string name)
    {
        lock (versions)
        {
            return versions.Where(v => v.Properties.Name == name).ToList();
        }
    }
}
