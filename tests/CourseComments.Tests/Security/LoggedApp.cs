using CourseComments.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CourseComments.Tests.Security;

/// <summary><see cref="TestApp"/> with every log call, at every level, kept in <see cref="Logs"/>.</summary>
internal sealed class LoggedApp : IAsyncDisposable
{
    private LoggedApp(TestApp app, FakeLogCollector logs)
    {
        App = app;
        Logs = logs;
    }

    public TestApp App { get; }

    public FakeLogCollector Logs { get; }

    public HttpClient Client => App.Client;

    public static async Task<LoggedApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<WebApplication>? configurePipeline = null)
    {
        var logs = new FakeLogCollector();
        var app = await TestApp.StartAsync(
            settings,
            services =>
            {
                services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
                services.Configure<LoggerFilterOptions>(filter => filter.MinLevel = LogLevel.Trace);
                configureServices?.Invoke(services);
            },
            environment,
            configurePipeline);
        return new LoggedApp(app, logs);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
