using CourseComments.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Security;

/// <summary><see cref="TestApp"/> with every log call, at every level, kept in <see cref="Logs"/>.</summary>
internal sealed class LoggedApp : IAsyncDisposable
{
    private LoggedApp(TestApp app, CapturedLogs logs)
    {
        App = app;
        Logs = logs;
    }

    public TestApp App { get; }

    public CapturedLogs Logs { get; }

    public HttpClient Client => App.Client;

    public static async Task<LoggedApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<WebApplication>? configurePipeline = null)
    {
        var logs = new CapturedLogs();
        var app = await TestApp.StartAsync(
            settings,
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.Configure<LoggerFilterOptions>(filter => filter.MinLevel = LogLevel.Trace);
                configureServices?.Invoke(services);
            },
            environment,
            configurePipeline);
        return new LoggedApp(app, logs);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
