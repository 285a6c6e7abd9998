using System.Text;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Momento.Sdk;
using Momento.Sdk.Auth;
using Momento.Sdk.Auth.AccessControl;
using Momento.Sdk.Config;
using Momento.Sdk.Responses;

namespace CourseComments.Tests.Emulator;

/// <summary>The Momento emulator delivering to a <see cref="WebhookReceiver"/>, on the test's
/// <see cref="FakeTimeProvider"/>, with a
/// browser's way in: a token minted through Momento.Sdk and publishes to the Topics HTTP API.</summary>
public sealed class DeliveringEmulator : IAsyncDisposable
{
    private readonly HttpClient http = new();

    private DeliveringEmulator(MomentoEmulatorHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
    }

    public MomentoEmulatorHost Host { get; }

    public FakeTimeProvider Clock { get; }

    /// <param name="configure">Sets fixed values that configuration cannot (a small queue, say).</param>
    public static async Task<DeliveringEmulator> StartAsync(
        WebhookReceiver receiver, Action<EmulatorOptions>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["MomentoEmulator:GrpcPort"] = "0",
            ["MomentoEmulator:HttpPort"] = "0",
            ["MomentoEmulator:Webhook:Url"] = receiver.Url.ToString(),
            ["MomentoEmulator:Webhook:SigningSecret"] = TestApp.Secret,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var clock = new FakeTimeProvider(TestApp.ClockStart);
        var host = await MomentoEmulatorHost.StartAsync(
            new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.PostConfigure(configure ?? (_ => { }));
            });
        return new DeliveringEmulator(host, clock);
    }

    /// <summary>A publish-only token for course-comments/comment with <paramref name="tokenId"/>, as the app
    /// mints.</summary>
    public async Task<string> MintAsync(string tokenId = "alice")
    {
        using var auth = new AuthClient(
            AuthConfigurations.Default.Latest(), new MomentoLocalProvider(Host.Endpoints.GrpcHost,
                Host.Endpoints.GrpcPort));
        var minted = await auth.GenerateDisposableTokenAsync(
            DisposableTokenScopes.TopicPublishOnly("course-comments", "comment"), ExpiresIn.Minutes(30), tokenId);
        return Assert.IsType<GenerateDisposableTokenResponse.Success>(minted).AuthToken;
    }

    public async Task<HttpResponseMessage> PublishAsync(string token,
        string text = """{"courseId":"101","comment":"Hello"}""")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.Endpoints.HttpBaseUrl,
            "/topics/course-comments/comment"))
        {
            Content = new StringContent(text, Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Host.DisposeAsync();
    }
}
