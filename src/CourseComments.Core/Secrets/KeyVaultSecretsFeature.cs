using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseComments.Secrets;

public static class KeyVaultSecretsFeature
{
    /// <summary>The app setting naming the user-assigned managed identity (its client id), as Azure.Identity reads
    /// it.</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>
    /// Momento mode's secrets: the webhook signing secrets (<see cref="ISigningSecretSource"/>) and the Momento API key
    /// (<see cref="IMomentoApiKeySource"/>) from Key Vault. Nothing is read here: the vault is first asked by
    /// <see cref="SecretsWarmUp"/> in the background once the app has started, or by the first request that needs a
    /// secret, whichever comes first.
    /// </summary>
    public static IServiceCollection AddKeyVaultSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KeyVaultOptions>(configuration, KeyVaultOptions.Section);
        services.AddSingleton(provider => new SecretClient(
            provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value.VaultUri!,
            CreateCredential(provider.GetRequiredService<AzurePlatform>(), configuration[ClientIdSetting])));

        services.AddSingleton<KeyVaultSecretReader>();
        services.AddSingleton<ISigningSecretSource, KeyVaultSigningSecrets>();
        services.AddSingleton<IMomentoApiKeySource, KeyVaultMomentoApiKey>();
        services.AddHostedService<SecretsWarmUp>();
        return services;
    }

    /// <summary>
    /// In Azure only the app's managed identity (user-assigned when <paramref name="managedIdentityClientId"/> is set),
    /// so nothing else is ever tried there; elsewhere the developer's own sign-in through <see
    /// cref="DefaultAzureCredential"/>.
    /// </summary>
    internal static TokenCredential CreateCredential(AzurePlatform platform, string? managedIdentityClientId)
    {
        var clientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId;
        return platform.IsAzure
            ? new ManagedIdentityCredential(clientId is null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
