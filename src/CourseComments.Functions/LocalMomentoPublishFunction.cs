using CourseComments.LocalMomento;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Functions;

/// <summary>
/// The local stand-in's Topics publish API. A function exists in every mode (functions are fixed at build time), but
/// the stand-in is registered only in local mode, which Azure refuses; elsewhere this answers 404.
/// </summary>
public sealed class LocalMomentoPublishFunction(IServiceProvider services)
{
    [Function("LocalMomentoPublish")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "local-momento/topics/{cache}/{topic}")] HttpRequest request,
        string cache,
        string topic,
        CancellationToken cancellationToken) =>
        services.GetService<LocalPublishEndpoint>() is { } endpoint
            ? endpoint.HandleAsync(request, cache, topic, cancellationToken)
            : Task.FromResult<IResult>(TypedResults.NotFound());
}
