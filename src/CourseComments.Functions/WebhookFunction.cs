using CourseComments.Http;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

/// <summary>Momento's webhook deliveries. Anonymous: the <c>momento-signature</c> HMAC is the authentication.</summary>
public sealed class WebhookFunction(WebhookEndpoint endpoint)
{
    [Function("Webhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Webhook)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(request, cancellationToken).AsTask();
}
