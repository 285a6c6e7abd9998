using CourseComments.Json;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CourseComments.Health;

/// <summary><c>GET /api/health</c>: cheap enough to be the load tests' baseline; reports a failing secret source.</summary>
public sealed class HealthEndpoint(ISigningSecretSource secrets, IOptions<MomentoOptions> momento)
{
    public async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        var mode = momento.Value.Mode.ToString();
        try
        {
            await secrets.GetAsync(cancellationToken);
            return TypedResults.Json(new HealthReport("healthy", mode, "ok"), AppJsonContext.Default.HealthReport);
        }
        catch (SecretSourceUnavailableException ex)
        {
            return TypedResults.Json(
                new HealthReport("unhealthy", mode, ex.Reason),
                AppJsonContext.Default.HealthReport,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record HealthReport(string Status, string Mode, string SigningSecrets);
