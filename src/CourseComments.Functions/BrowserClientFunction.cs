using CourseComments.Client;
using CourseComments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

/// <summary>The browser page and its assets, in every mode.</summary>
public sealed class BrowserClientFunction(BrowserClientEndpoint endpoint)
{
    [Function("BrowserClient")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ClientFiles)] HttpRequest request,
        string? file,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(request, file, cancellationToken);
}
