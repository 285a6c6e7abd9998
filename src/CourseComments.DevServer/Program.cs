using CourseComments;
using CourseComments.Client;
using CourseComments.DevServer;
using CourseComments.Momento;
using CourseComments.Webhooks;

// The whole app in one process (http://localhost:7071 unless --urls says otherwise): the /api endpoints and the
// browser client, over the same Momento.Sdk adapters as in Azure. In local mode (the default: no configuration, no
// account) the Momento emulator runs alongside, on 127.0.0.1:7072 (gRPC) and :7073 (Topics HTTP API); the app
// subscribes to its topic (or, with Momento:Delivery=Webhook, the emulator posts to this server's /api/webhook).
// The content root is the build output, where appsettings.json is, so the app starts the same from any folder, and a
// relative path in a setting (MomentoEmulator:SnapshotFile) means the folder the command was run in.
var builder = WebApplication.CreateBuilder(
    new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.ConfigureKestrel(CourseCommentsKestrel.Configure);
builder.Host.UseDefaultServiceProvider(provider => provider.ValidateOnBuild = provider.ValidateScopes = true);
// Local mode's composition (Momento mode needs the Functions app's Key Vault secrets; the app refuses it here).
builder.Services.AddCourseComments(builder.Configuration);
builder.Services.AddMomentoAdapters();
builder.Services.AddConfiguredSigningSecrets();

var app = builder.Build();
app.MapCourseComments();
app.MapGet("/", () => Results.Redirect(BrowserClientFeature.PagePath));

await using var emulator = await EmbeddedEmulator.StartAsync(app.Services, app.Configuration);
await app.StartAsync();
EmbeddedEmulator.DeliverToServer(emulator, app.Services);
await app.WaitForShutdownAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory-style hosts.</summary>
public partial class Program;
