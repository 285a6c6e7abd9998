using CourseComments.Http;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

/// <summary>
/// Publish-only tokens for the signed-in user. Anonymous at the Functions level: Easy Auth signs users in and the
/// endpoint refuses callers without its principal. OPTIONS answers CORS preflights where the platform does not.
/// </summary>
public sealed class TokenIssuerFunction(TokenEndpoint endpoint, TokenCors cors)
{
    [Function("TokenIssuer")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = ApiRoutes.Tokens)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpMethods.IsOptions(request.Method)
            ? cors.Preflight(request)
            : await endpoint.HandleAsync(request, cancellationToken);
}
