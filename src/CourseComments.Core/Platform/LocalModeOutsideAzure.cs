using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

/// <summary>Start-up check: the local stand-in, its generated secret and its test routes never run in Azure.</summary>
public sealed class LocalModeOutsideAzure(AzurePlatform platform) : IValidateOptions<MomentoOptions>
{
    public ValidateOptionsResult Validate(string? name, MomentoOptions options) =>
        options.Mode == MomentoMode.Local && platform.IsAzure
            ? ValidateOptionsResult.Fail("Momento:Mode is Local, but the app runs in Azure: set Momento:Mode to Momento.")
            : ValidateOptionsResult.Success;
}
