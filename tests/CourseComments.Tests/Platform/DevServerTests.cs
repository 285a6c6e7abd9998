using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseComments.Tests.Hostile;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Platform;

/// <summary>
/// The dev server as a developer runs it, in its own process on a port the OS picks: its local addresses follow
/// where it listens, a setting pointing nowhere is reported, a mode it cannot run stops it with a message, the load
/// recipe's log level still shows the address, and a relative data file lands in the folder the command ran in.
/// </summary>
public sealed class DevServerTests : IDisposable
{
    private const string Secret = "dev-server-test-secret";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string folder = Directory.CreateTempSubdirectory("dev-server-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task On_another_port_tokens_and_webhooks_point_to_where_the_server_listens()
    {
        await using var server = DevServerProcess.Start(
            folder, ["--urls", "http://127.0.0.1:0", "--Momento:Delivery=Webhook"]);
        var address = await server.ListeningAsync(StartTimeout);
        Assert.NotEqual(7071, address.Port);
        using var client = new HttpClient { BaseAddress = address };

        using var tokenResponse = await client.PostAsync("/api/tokens", JsonContent.Create(new { user = "porter" }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement;
        var publishUrl = new Uri(token.GetProperty("publishUrl").GetString()!);
        var emulator = await server.WaitForAsync(new Regex(@"Topics HTTP API on (http://127\.0\.0\.1:\d+)/"));
        Assert.Equal(new Uri(new Uri(emulator.Groups[1].Value), "/topics/course-comments/comment"), publishUrl);

        using var publish = new HttpRequestMessage(HttpMethod.Post, publishUrl)
        {
            Content = new StringContent(EventSigner.CommentText("port", "on my port"), Encoding.UTF8, "text/plain"),
        };
        publish.Headers.TryAddWithoutValidation("Authorization", token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(publish)).StatusCode);

        // Delivered to this server's own webhook (not to 7071) and stored.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await WebhookRequests.CommentsAsync(client, "port")).GetArrayLength() == 0
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(
            "porter", (await WebhookRequests.CommentsAsync(client, "port"))[0].GetProperty("userID").GetString());
        await server.WaitForAsync(new Regex(
            "webhooks are delivered to http://127\\.0\\.0\\.1:" + address.Port + "/api/webhook"));
    }

    [Fact]
    public async Task A_local_address_setting_at_which_nothing_answers_is_reported_at_start_up()
    {
        var nowhere = $"http://127.0.0.1:{UnusedPort()}/api/webhook";
        await using var server = DevServerProcess.Start(folder,
            ["--urls", "http://127.0.0.1:0", "--Momento:Delivery=Webhook", "--MomentoEmulator:Webhook:Url=" + nowhere]);
        var address = await server.ListeningAsync(StartTimeout);

        var warning = await server.WaitForAsync(
            new Regex(@"MomentoEmulator:Webhook:Url is (\S+), but nothing answers there; this server listens on (\S+)"),
            TimeSpan.FromSeconds(30));
        Assert.Equal(nowhere, warning.Groups[1].Value);
        Assert.StartsWith(address.ToString().TrimEnd('/'), warning.Groups[2].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Momento_mode_on_the_dev_server_refuses_to_start_and_names_what_is_missing()
    {
        await using var server = DevServerProcess.Start(
            folder, ["--urls", "http://127.0.0.1:0", "--Momento:Mode=Momento"]);

        Assert.NotEqual(0, await server.ExitCodeAsync(StartTimeout));
        Assert.Contains("Momento:Mode is Momento, but this host is missing", server.Output, StringComparison.Ordinal);
        Assert.Contains("IMomentoApiKeySource", server.Output, StringComparison.Ordinal);
        Assert.Contains("Webhook:SigningSecrets", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_load_recipes_warning_level_the_listening_address_is_still_printed()
    {
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Webhook__SigningSecrets__0"] = Secret,
        };
        await using var server = DevServerProcess.Start(folder, ["--urls", "http://127.0.0.1:0"], environment);

        var address = await server.ListeningAsync(StartTimeout);
        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Dotnet_run_puts_a_relative_snapshot_file_in_the_folder_it_was_run_in()
    {
        await using var server = DevServerProcess.Start(
            folder,
            [
                "--urls", "http://127.0.0.1:0", "--MomentoEmulator:SnapshotFile=comments.json",
                "--MomentoEmulator:SnapshotInterval=00:00:01", "--Webhook:SigningSecrets:0=" + Secret,
                "--Momento:Delivery=Webhook",
            ],
            viaDotnetRun: true);
        using var client = new HttpClient { BaseAddress = await server.ListeningAsync(StartTimeout) };

        var evt = WebhookRequests.Event(TimeProvider.System, "data", "kept on disk");
        using var response = await client.SendAsync(WebhookRequests.Signed(evt, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A snapshot is written every second, the first one possibly before the comment was stored: the test looks
        // until one holds it (or 20 s pass).
        var file = Path.Combine(folder, "comments.json");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var lists = await SnapshotListsAsync(file);
        while (!lists.Any(value => value.Contains("kept on disk", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            lists = await SnapshotListsAsync(file);
        }

        Assert.Contains(lists, value => value.Contains("kept on disk", StringComparison.Ordinal));
    }

    /// <summary>The values of the lists in the emulator's snapshot of the course-comments cache (keys and values are
    /// base64 bytes in it); none while there is no snapshot yet, or one is half written.</summary>
    private static async Task<string[]> SnapshotListsAsync(string file)
    {
        try
        {
            using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            return snapshot.RootElement.GetProperty("Caches").EnumerateArray()
                .Single(cache => cache.GetProperty("Name").GetString() == "course-comments")
                .GetProperty("Items").EnumerateArray()
                .Where(item => item.GetProperty("List").ValueKind == JsonValueKind.Array)
                .SelectMany(item => item.GetProperty("List").EnumerateArray())
                .Select(value => Encoding.UTF8.GetString(value.GetBytesFromBase64()))
                .ToArray();
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return [];
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
