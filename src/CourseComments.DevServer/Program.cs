using CourseComments;
using CourseComments.Client;

// The whole app on one Kestrel host (http://localhost:7071, as `func start`): the /api endpoints, the local Momento
// stand-in and the browser client. Local mode is the default, so it runs with no configuration and no account.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(CourseCommentsKestrel.Configure);
builder.Services.AddCourseComments(builder.Configuration);

var app = builder.Build();
app.MapCourseComments();
app.MapGet("/", () => Results.Redirect(BrowserClientRoutes.PagePath));
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory-style hosts.</summary>
public partial class Program;
