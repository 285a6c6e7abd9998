using CourseComments.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

public sealed class HealthFunction(HealthEndpoint endpoint)
{
    [Function("Health")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(cancellationToken);
}
