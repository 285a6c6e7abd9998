using CourseComments.Delivery;
using Microsoft.Extensions.Configuration;

namespace CourseComments.Platform;

/// <summary>
/// The two settings that decide what is registered, read once where a host composes the app (<see
/// cref="CourseCommentsApp.AddCourseComments(Microsoft.Extensions.DependencyInjection.IServiceCollection,
/// IConfiguration)"/>) and passed to the registrations that depend on them: <c>Momento:Mode</c> (which Momento, and so
/// where the secrets come from) and <c>Momento:Delivery</c> (whether this app subscribes to the topic). The same
/// values are checked at start (<see cref="MomentoOptions"/>, <see cref="HostRunsMode"/>).
/// </summary>
public sealed record AppModes(MomentoMode Momento, DeliveryMode Delivery)
{
    /// <summary>Reads both from the <c>Momento</c> section; unset, the options' defaults.</summary>
    /// <exception cref="InvalidOperationException">A value is not one of its enum's names.</exception>
    public static AppModes From(IConfiguration configuration)
    {
        var momento = configuration.GetSection(MomentoOptions.Section).Get<MomentoOptions>() ?? new MomentoOptions();
        return new AppModes(momento.Mode, momento.Delivery);
    }
}
