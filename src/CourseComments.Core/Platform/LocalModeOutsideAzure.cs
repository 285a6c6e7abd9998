using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

/// <summary>Start-up check: local mode (the Momento emulator, a generated signing secret) never runs in
/// Azure.</summary>
public sealed class LocalModeOutsideAzure(AzurePlatform platform) : IValidateOptions<MomentoOptions>
{
    public ValidateOptionsResult Validate(string? name, MomentoOptions options) =>
        options.Mode == MomentoMode.Local && platform.IsAzure
            ? ValidateOptionsResult.Fail(
                "Momento:Mode is Local, but the app runs in Azure: set Momento:Mode to Momento.")
            : ValidateOptionsResult.Success;
}
