using System.Globalization;
using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.MomentoEmulator.Faults;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.MomentoEmulator.Topics;
using CourseComments.Platform;
using CourseComments.Secrets;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseComments.Tests.Support;

/// <summary>
/// The app as every host composes it (AddCourseComments + AddMomentoAdapters + MapCourseComments) on an in-memory
/// TestServer, in local mode against its own Momento emulator (free ports, one <see cref="FakeTimeProvider"/> for
/// both), with a known
/// signing secret and no Azure environment unless a test asks for one. The emulator delivers webhooks into the
/// TestServer. Services a test registers are added after the app's own, so they replace its defaults.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Secret = "test-signing-secret";

    /// <summary>Where every test clock starts.</summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private TestApp(WebApplication app, MomentoEmulatorHost emulator, FakeTimeProvider clock)
    {
        this.app = app;
        Emulator = emulator;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The app's comment store: the Momento.Sdk adapter over the emulator.</summary>
    public ICommentStore Store => app.Services.GetRequiredService<ICommentStore>();

    /// <summary>The app's Momento emulator.</summary>
    public MomentoEmulatorHost Emulator { get; }

    /// <summary>Faults to inject at the emulator.</summary>
    public EmulatorFaults Faults => Emulator.Services.GetRequiredService<EmulatorFaults>();

    /// <summary>A webhook response budget other than <see cref="WebhookOptions.ResponseBudget"/>'s fixed 4 s,
    /// which configuration cannot set.</summary>
    public static Action<IServiceCollection> ResponseBudget(TimeSpan budget) =>
        services => services.PostConfigure<WebhookOptions>(options => options.ResponseBudget = budget);

    public static async Task<TestApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<WebApplication>? configurePipeline = null)
    {
        var clock = new FakeTimeProvider(ClockStart);
        WebApplication? app = null;
        var emulator = await MomentoEmulatorHost.StartAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MomentoEmulator:GrpcPort"] = "0",
                ["MomentoEmulator:HttpPort"] = "0",
                ["MomentoEmulator:Webhook:Url"] = "http://localhost/api/webhook",
                ["MomentoEmulator:Webhook:SigningSecret"] = Secret,
                ["Logging:LogLevel:Default"] = "Warning",
            }).Build(),
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(new AzurePlatform(_ => null));
                services.AddHttpClient(WebhookDeliveryWorker.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => app!.GetTestServer().CreateHandler());
            });

        try
        {
            // Hand-built, not WebApplicationFactory<Program>: the dev server's Program starts its emulator on the
            // system clock and delivers over real HTTP; this one's shares the test's clock and delivers in memory.
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Momento:Mode"] = "Local",
                ["Momento:LocalEndpoint"] = string.Create(
                    CultureInfo.InvariantCulture, $"{emulator.Endpoints.GrpcHost}:{emulator.Endpoints.GrpcPort}"),
                ["Momento:Delivery"] = "Webhook",
                ["Webhook:SigningSecrets:0"] = Secret,
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            builder.Services.AddCourseComments(builder.Configuration);
            builder.Services.AddMomentoAdapters();
            builder.Services.AddConfiguredSigningSecrets();
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton(new AzurePlatform(name => environment?.GetValueOrDefault(name)));
            // In Momento mode too the adapters reach this test's emulator (the service itself is out of a test's
            // reach), as its super-user; a test that registers a Key Vault key source replaces the key.
            var endpoint = emulator.Endpoints;
            builder.Services.AddSingleton(provider => MomentoClientFactory.CreateLocal(
                provider.GetRequiredService<ILoggerFactory>(),
                provider.GetRequiredService<IOptions<CommentsOptions>>().Value.Ttl,
                endpoint.GrpcHost,
                endpoint.GrpcPort));
            builder.Services.AddSingleton<IMomentoApiKeySource>(new EmulatorSuperUser());
            configureServices?.Invoke(builder.Services);

            app = builder.Build();
            configurePipeline?.Invoke(app);
            app.MapCourseComments();
            await app.StartAsync();
            return new TestApp(app, emulator, clock);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes as a browser does: to the emulator's Topics HTTP API, over real HTTP.</summary>
    public async Task<HttpResponseMessage> PublishAsync(string token, string text, string? topicPath = null)
    {
        using var http = new HttpClient();
        using var content = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        using var request = new HttpRequestMessage(
            HttpMethod.Post, new Uri(Emulator.Endpoints.HttpBaseUrl, topicPath
                ?? "/topics/course-comments/comment")) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        return await http.SendAsync(request);
    }

    /// <summary>Stops the host as a platform shutdown does (hosted services' StopAsync), before disposing.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The emulator's super-user credential (empty, as <c>MomentoLocalProvider</c> sends it).</summary>
internal sealed class EmulatorSuperUser : IMomentoApiKeySource
{
    public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult("");
}

public static class TestAppServices
{
    public static ValueTask<CourseComments.Webhooks.SigningSecrets> GetSigningSecretsAsync(
        this IServiceProvider services) =>
        services.GetRequiredService<CourseComments.Webhooks.ISigningSecretSource>().GetAsync(default);
}
