using CourseComments.Platform;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Hosting;

/// <summary>Start-up check: the emulator is for local development and refuses to run in Azure.</summary>
public sealed class EmulatorOutsideAzure(AzurePlatform platform) : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options) =>
        platform.IsAzure
            ? ValidateOptionsResult.Fail("The Momento emulator is for local development and cannot run in Azure.")
            : ValidateOptionsResult.Success;
}
