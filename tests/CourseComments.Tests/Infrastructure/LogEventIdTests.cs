using System.Reflection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Infrastructure;

/// <summary>
/// Every <c>[LoggerMessage]</c> event id is unique across the app's assemblies (they log into one stream) and lies in
/// its feature's range, so an id names one event and says where it comes from.
/// </summary>
public sealed class LogEventIdTests
{
    /// <summary>The scheme: a range of 1,000 ids per feature, keyed by the namespace that logs.</summary>
    private static readonly (string Namespace, int First)[] Ranges =
    [
        ("CourseComments.Webhooks", 1000),
        ("CourseComments.Comments", 2000),
        ("CourseComments.Tokens", 3000),
        ("CourseComments.Secrets", 4000),
        ("CourseComments.Platform", 5000),
        ("CourseComments.Profiles", 6000),
        ("CourseComments.Momento", 7000),
        ("CourseComments.DevServer", 8000),
        ("CourseComments.MomentoEmulator", 9000),
        ("CourseComments.Delivery", 10000),
    ];

    private static readonly string[] Assemblies =
    [
        "CourseComments.Core", "CourseComments.Momento", "CourseComments.DevServer", "CourseComments.MomentoEmulator",
    ];

    [Fact]
    public void No_event_id_is_used_twice()
    {
        var duplicates = LogMethods()
            .GroupBy(method => method.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(method => method.Name))}")
            .ToArray();

        Assert.NotEmpty(LogMethods());
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_event_id_lies_in_its_features_range()
    {
        var outside = LogMethods()
            .Where(method => RangeOf(method.Namespace) is not { } first
                || method.EventId < first || method.EventId >= first + 1000)
            .Select(method => $"{method.Name} ({method.EventId})")
            .ToArray();

        Assert.Empty(outside);
    }

    private static int? RangeOf(string @namespace) =>
        Ranges.Where(range => @namespace == range.Namespace || @namespace.StartsWith(range.Namespace + ".",
                StringComparison.Ordinal))
            .Select(range => (int?)range.First)
            .FirstOrDefault();

    private static IEnumerable<(string Name, string Namespace, int EventId)> LogMethods() =>
        from assemblyName in Assemblies
        from type in Assembly.Load(assemblyName).GetTypes()
        from method in type.GetMethods(
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance
            | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select ($"{type.FullName}.{method.Name}", type.Namespace ?? string.Empty, attribute.EventId);
}
