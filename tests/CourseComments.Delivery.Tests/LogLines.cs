using Microsoft.Extensions.Logging.Testing;

namespace CourseComments.Delivery.Tests;

/// <summary>What a <see cref="FakeLogCollector"/> has collected so far, one line per log call.</summary>
internal static class LogLines
{
    /// <summary>"Level: message", then the exception (if any) after a space: the shape the log assertions
    /// match.</summary>
    public static IReadOnlyList<string> Lines(this FakeLogCollector logs) =>
        logs.GetSnapshot()
            .Select(record => record.Exception is null
                ? $"{record.Level}: {record.Message}"
                : $"{record.Level}: {record.Message} {record.Exception}")
            .ToArray();
}
