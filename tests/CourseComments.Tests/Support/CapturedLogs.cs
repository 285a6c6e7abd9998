using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Support;

/// <summary>Every log line the app writes, exception included, for tests that check what is never logged.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>The same lines, structured: level, event id, formatted message and exception apart.</summary>
    public IReadOnlyCollection<LogEntry> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(lines, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            entries.Enqueue(new LogEntry(logLevel, eventId.Id, message, exception));
            lines.Enqueue($"{logLevel}: {message} {exception}");
        }
    }
}

/// <summary>One captured log call.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
