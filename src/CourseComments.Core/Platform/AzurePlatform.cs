namespace CourseComments.Platform;

/// <summary>
/// What the hosting platform says about itself through the environment variables that only Azure App Service /
/// Azure Functions set. Local-only features consult this so they can refuse to run in Azure.
/// </summary>
public sealed class AzurePlatform(Func<string, string?> readVariable)
{
    // Set by the App Service / Functions platform (WEBSITE_SKU on Flex Consumption); Core Tools sets none of them.
    private static readonly string[] AzureOnlyVariables = ["WEBSITE_INSTANCE_ID", "WEBSITE_OWNER_NAME", "WEBSITE_SKU"];

    public static AzurePlatform FromEnvironment() => new(Environment.GetEnvironmentVariable);

    // CONTAINER_NAME alone is not enough: Linux Consumption sets it, but so do ordinary container runtimes.
    public bool IsAzure =>
        AzureOnlyVariables.Any(IsSet) || (IsSet("CONTAINER_NAME") && IsSet("WEBSITE_SITE_NAME"));

    /// <summary>
    /// True only when App Service Authentication is on: then the platform strips client-sent X-MS-CLIENT-PRINCIPAL
    /// headers, so the ones we see are its own. Off, anyone can forge them.
    /// </summary>
    public bool IsEasyAuthEnabled =>
        IsAzure && string.Equals(readVariable("WEBSITE_AUTH_ENABLED"), "true", StringComparison.OrdinalIgnoreCase);

    private bool IsSet(string name) => !string.IsNullOrEmpty(readVariable(name));
}
