using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace CourseComments.Client;

/// <summary>
/// <c>GET /api/client</c> (the page) and <c>GET /api/client/{file}</c> (its script, style and icon): the browser
/// client, served from resources embedded in this assembly, so every host (dev server, <c>func start</c>, Azure)
/// serves the same files with no build step and no static-file setup.
/// </summary>
public sealed class BrowserClientEndpoint
{
    private const string Page = "index.html";
    private const string ResourcePrefix = "CourseComments.Client.";

    // The page talks to its own /api and publishes to Momento (https) or the local Momento emulator (http on this
    // machine).
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, byte[]> files = LoadFiles();

    public Task<IResult> HandleAsync(HttpRequest request, string? file, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrEmpty(file) ? Page : file;
        if (!files.TryGetValue(name, out var content))
        {
            return Task.FromResult(Results.NotFound());
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Task.FromResult<IResult>(TypedResults.Bytes(content, ContentTypes[Path.GetExtension(name)]));
    }

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(BrowserClientEndpoint).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var resources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal));
        foreach (var resource in resources)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[resource[ResourcePrefix.Length..]] = buffer.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
