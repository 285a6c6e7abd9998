namespace CourseComments.Platform;

/// <summary>
/// The app settings the Functions app binds at start-up in Azure (Momento mode), in environment-variable form
/// (<c>__</c> for <c>:</c>). The deployment (infra/app/function-app.bicep) sets every one of them and the Functions
/// host checks at start-up that none is missing; one list keeps the two from drifting apart.
/// </summary>
public static class AzureAppSettings
{
    public static readonly IReadOnlyList<string> Required =
    [
        "Momento__Mode",
        "Momento__CacheName",
        "Momento__TopicName",
        "KeyVault__VaultUri",
        "KeyVault__MomentoApiKeySecretName",
        "KeyVault__SigningSecretName",
        // The user-assigned identity's client id, which Azure.Identity's managed identity credential needs.
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        // Telemetry is sent with the identity because the Application Insights resource has local auth off.
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];
}
