using CourseComments;
using CourseComments.Client;
using CourseComments.DevServer;
using CourseComments.Momento;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The whole app in one process (http://localhost:7071, as `func start`): the /api endpoints and the browser client,
// over the same Momento.Sdk adapters as in Azure. In local mode (the default: no configuration, no account) the
// Momento emulator runs alongside, on 127.0.0.1:7072 (gRPC) and :7073 (Topics HTTP API), delivering to /api/webhook.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMomentoAdapters(builder.Configuration);
builder.Services.AddCourseComments(builder.Configuration);

var app = builder.Build();
app.MapCourseComments();
app.MapGet("/", () => Results.Redirect(BrowserClientRoutes.PagePath));
await app.StartAsync();

var address = new Uri(
    app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
await using var emulator = await EmbeddedEmulator.StartAsync(app.Services, app.Configuration, new Uri(address,
    "/api/webhook"));
await app.WaitForShutdownAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory-style hosts.</summary>
public partial class Program;
