namespace CourseComments.Shell.Tests;

/// <summary>The app settings a Momento-mode deployment has (as infra/ writes them), for composition tests.</summary>
internal static class MomentoModeSettings
{
    /// <summary>Every setting Momento mode needs in Azure; the Application Insights connection string holds
    /// <c>value-that-must-not-leak</c>, which no start-up message may repeat.</summary>
    public static Dictionary<string, string?> Create() => new()
    {
        ["Momento:Mode"] = "Momento",
        ["Momento:CacheName"] = "course-comments",
        ["Momento:TopicName"] = "comment",
        ["KeyVault:VaultUri"] = "https://test-vault.vault.azure.net/",
        ["KeyVault:MomentoApiKeySecretName"] = "momento-api-key",
        ["KeyVault:SigningSecretName"] = "webhook-signing-secret",
        ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=value-that-must-not-leak",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=AAD",
    };
}
