using CourseComments;
using CourseComments.Functions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<LocalCallersMiddleware>();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Services.AddCourseCommentsFunctions(builder.Configuration);

// The worker's own Kestrel, which the Functions host forwards requests to: a trickled body is cut off here too.
builder.Services.Configure<KestrelServerOptions>(CourseCommentsKestrel.Configure);

builder.Build().Run();
