using CourseComments;
using CourseComments.Client;

// The whole app on one Kestrel host (http://localhost:7071 unless --urls says otherwise): the /api endpoints, the
// local Momento stand-in and the browser client. Local mode is the default, so it runs with no configuration and no
// account. The content root is the build output, where appsettings.json is, so the app starts the same from any
// folder, and a relative path in a setting (LocalMomento:DataFile) means the folder the command was run in.
var builder = WebApplication.CreateBuilder(
    new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.ConfigureKestrel(CourseCommentsKestrel.Configure);
builder.Services.AddCourseComments(builder.Configuration);

var app = builder.Build();
app.MapCourseComments();
app.MapGet("/", () => Results.Redirect(BrowserClientRoutes.PagePath));
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory-style hosts.</summary>
public partial class Program;
