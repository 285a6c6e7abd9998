using CourseComments.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CourseComments.Functions;

/// <summary>
/// Start-up check in Azure: every app setting in <see cref="AzureAppSettings.Required"/> is set. Fails listing the
/// missing names (never a value), so a half-configured deployment stops at start instead of at the first request.
/// </summary>
internal sealed class RequiredAppSettingsInAzure(IConfiguration configuration, AzurePlatform platform)
    : IValidateOptions<MomentoOptions>
{
    public ValidateOptionsResult Validate(string? name, MomentoOptions options)
    {
        if (!platform.IsAzure)
        {
            return ValidateOptionsResult.Success;
        }

        // App settings arrive as environment variables, where "__" stands for configuration's ":".
        var missing = AzureAppSettings.Required
            .Where(setting =>
                string.IsNullOrWhiteSpace(configuration[setting.Replace("__", ":", StringComparison.Ordinal)]))
            .ToArray();
        return missing.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Required app settings are missing: {string.Join(", ", missing)}.");
    }
}
