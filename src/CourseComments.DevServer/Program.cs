using CourseComments;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCourseComments(builder.Configuration);

var app = builder.Build();
app.MapCourseComments();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory-style hosts.</summary>
public partial class Program;
