using CourseComments.Comments;
using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Support;

/// <summary>
/// The app as every host composes it (AddCourseComments + MapCourseComments), on an in-memory TestServer, with a
/// manual clock, a known signing secret and no Azure environment unless a test asks for one. Services a test
/// registers are added after the app's own, so they replace its defaults.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Secret = "test-signing-secret";

    private readonly WebApplication app;

    private TestApp(WebApplication app, ManualClock clock)
    {
        this.app = app;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public ManualClock Clock { get; }

    public IServiceProvider Services => app.Services;

    public ICommentStore Store => app.Services.GetRequiredService<ICommentStore>();

    public static async Task<TestApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<WebApplication>? configurePipeline = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            ["Momento:Delivery"] = "Webhook",
            ["Webhook:SigningSecrets:0"] = Secret,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var clock = new ManualClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(new AzurePlatform(name => environment?.GetValueOrDefault(name)));
        builder.Services.AddCourseComments(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        configurePipeline?.Invoke(app);
        app.MapCourseComments();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new TestApp(app, clock);
    }

    /// <summary>Stops the host as a platform shutdown does (hosted services' StopAsync), before disposing.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}

public static class TestAppServices
{
    public static ValueTask<CourseComments.Webhooks.SigningSecrets> GetSigningSecretsAsync(this IServiceProvider services) =>
        services.GetRequiredService<CourseComments.Webhooks.ISigningSecretSource>().GetAsync(default);
}
