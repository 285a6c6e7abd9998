using CourseComments.Momento;
using CourseComments.Webhooks;
using CourseComments.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static CourseComments.Shell.Tests.FunctionsMetadata;

namespace CourseComments.Shell.Tests;

/// <summary>
/// The two hosts serve one route table: the Functions app (its generated <c>functions.metadata</c> plus host.json's
/// route prefix) and every host that calls <c>MapCourseComments</c> (the dev server, the tests' hosts).
/// </summary>
public sealed class RouteTableTests
{
    [Fact]
    public async Task The_functions_app_and_MapCourseComments_expose_the_same_routes_and_methods()
    {
        var functions = FunctionRoutes();
        var mapped = await MappedRoutesAsync();

        Assert.NotEmpty(functions);
        Assert.Equal(functions, mapped);
    }

    [Fact]
    public void The_functions_route_prefix_in_host_json_is_the_route_tables_prefix()
    {
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var hostJson = Path.Combine(Directory.GetParent(here)!.Parent!.FullName, "CourseComments.Functions",
            Path.GetFileName(here), "host.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(hostJson));

        var prefix = document.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix");

        Assert.Equal(ApiRoutes.Prefix, prefix.GetString());
    }

    /// <summary>"METHOD /api/route" for every function's HTTP trigger, host.json's prefix applied.</summary>
    private static string[] FunctionRoutes() =>
        ReadFunctions()
            .Select(HttpTrigger)
            .SelectMany(trigger => trigger.GetProperty("methods").EnumerateArray().Select(method =>
                $"{method.GetString()!.ToUpperInvariant()} "
                + $"{ApiRoutes.PathBase}{trigger.GetProperty("route").GetString()}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>"METHOD /route" for every endpoint <c>MapCourseComments</c> maps, as the dev server composes
    /// it.</summary>
    private static async Task<string[]> MappedRoutesAsync()
    {
        // Built, never started (no server, no emulator): only its endpoint table is read.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Momento:Mode"] = "Local";
        builder.Services.AddCourseComments(builder.Configuration).AddMomentoAdapters().AddConfiguredSigningSecrets();
        await using var app = builder.Build();
        app.MapCourseComments();

        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
