using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CourseComments.Tests.Tokens;

/// <summary>
/// <see cref="TestApp"/> with a substitute <see cref="ITokenMinter"/> (the seam to Momento) and every log line, at
/// every level, kept for inspection.
/// </summary>
public sealed class TokenHost : IAsyncDisposable
{
    public static readonly Uri MomentoTopicsBase = new("https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com");

    /// <summary>Azure with App Service Authentication on.</summary>
    public static readonly IReadOnlyDictionary<string, string> EasyAuthOn = new Dictionary<string, string>
    {
        ["WEBSITE_INSTANCE_ID"] = "instance-1",
        ["WEBSITE_AUTH_ENABLED"] = "true",
    };

    /// <summary>Azure without App Service Authentication: principal headers there are whatever the client
    /// sent.</summary>
    public static readonly IReadOnlyDictionary<string, string> EasyAuthOff = new Dictionary<string, string>
    {
        ["WEBSITE_INSTANCE_ID"] = "instance-1",
    };

    private readonly TestApp app;
    private readonly FakeLogCollector logs;

    private TokenHost(TestApp app, ITokenMinter minter, FakeLogCollector logs)
    {
        this.app = app;
        Minter = minter;
        this.logs = logs;
    }

    public HttpClient Client => app.Client;

    public ITokenMinter Minter { get; }

    public FakeTimeProvider Clock => app.Clock;

    public CourseComments.Comments.ICommentStore Store => app.Store;

    /// <summary>The log so far, one line per call (<see cref="LogLines.Lines"/>).</summary>
    public IReadOnlyList<string> Logs => logs.Lines();

    /// <summary>The log so far, one record per call.</summary>
    public IReadOnlyList<FakeLogRecord> LogEntries => logs.GetSnapshot();

    public int MintCount => Minter.ReceivedCalls().Count();

    /// <summary>Local mode unless <paramref name="settings"/> say otherwise; the minter hands out
    /// <c>token-N-tokenId</c> valid for the requested lifetime from "now".</summary>
    public static async Task<TokenHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<WebApplication>? configurePipeline = null,
        Action<IServiceCollection>? configureServices = null)
    {
        TestApp? started = null;
        var minted = 0;
        var minter = Substitute.For<ITokenMinter>();
        minter.MintPublishOnlyAsync(Arg.Any<PublishTokenRequest>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var request = call.Arg<PublishTokenRequest>();
                var token = $"token-{Interlocked.Increment(ref minted)}-{request.TokenId}";
                return new MintedToken(token, started!.Clock.GetUtcNow() + request.Lifetime, MomentoTopicsBase);
            });

        // The per-user share runs on the real clock, which the fake clock cannot move: off unless a test sets it.
        var withDefaults = new Dictionary<string, string?> { ["Tokens:UserMintInterval"] = "00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            withDefaults[key] = value;
        }

        var logs = new FakeLogCollector();
        started = await TestApp.StartAsync(
            withDefaults,
            services =>
            {
                services.AddSingleton(minter);
                services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
                services.Configure<LoggerFilterOptions>(filter => filter.MinLevel = LogLevel.Trace);
                configureServices?.Invoke(services);
            },
            environment,
            configurePipeline);
        return new TokenHost(started, minter, logs);
    }

    /// <summary><c>POST /api/tokens</c> with an optional body, Easy Auth principal and Origin.</summary>
    public static HttpRequestMessage TokenRequest(string? body = null, string? principal = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (principal is not null)
        {
            request.Headers.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", principal);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }

    public static HttpRequestMessage LocalUser(string name, string? origin = null) =>
        TokenRequest(new JsonObject { ["user"] = name }.ToJsonString(), origin: origin);

    /// <summary>An <c>X-MS-CLIENT-PRINCIPAL</c> value as App Service writes it.</summary>
    public static string Principal(string authType, params (string Type, string Value)[] claims)
    {
        var json = new JsonObject
        {
            ["auth_typ"] = authType,
            ["claims"] = new JsonArray(
                claims.Select(c => (JsonNode)new JsonObject { ["typ"] = c.Type, ["val"] = c.Value }).ToArray()),
            ["name_typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            ["role_typ"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public PublishTokenRequest SingleMintRequest() =>
        (PublishTokenRequest)Assert.Single(Minter.ReceivedCalls()).GetArguments()[0]!;

    public static void AssertNoStore(HttpResponseMessage response) =>
        Assert.Equal("no-store", Assert.Single(response.Headers.GetValues("Cache-Control")));

    public static void AssertProblem(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNoStore(response);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
