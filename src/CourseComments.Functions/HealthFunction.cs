using CourseComments.Health;
using CourseComments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

public sealed class HealthFunction(HealthEndpoint endpoint)
{
    [Function("Health")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(cancellationToken);
}
