namespace CourseComments.Http;

/// <summary>
/// The one route table. Both hosts use it: <c>MapCourseComments</c> maps each route under <see cref="Prefix"/>, and
/// every Functions <c>[HttpTrigger(Route = …)]</c> names the same constant (host.json's <c>routePrefix</c> is the
/// same <c>api</c>). Routes are relative to the prefix, in ASP.NET Core route template syntax.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every route: host.json's <c>extensions.http.routePrefix</c>.</summary>
    public const string Prefix = "api";

    /// <summary>Momento's webhook deliveries (POST).</summary>
    public const string Webhook = "webhook";

    /// <summary>Publish-only tokens (POST, and OPTIONS for CORS preflights).</summary>
    public const string Tokens = "tokens";

    /// <summary>A course's comments (GET).</summary>
    public const string CourseComments = "courses/{courseId}/comments";

    /// <summary>Liveness (GET).</summary>
    public const string Health = "health";

    /// <summary>The browser client's page (GET).</summary>
    public const string Client = "client";

    /// <summary>The browser client's page and assets (GET), the file path after <see cref="Client"/>.</summary>
    public const string ClientFiles = Client + "/{*file}";

    /// <summary>The path of a route as callers request it: <c>/api/</c> and the route.</summary>
    public const string PathBase = "/" + Prefix + "/";
}
