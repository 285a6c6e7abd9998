using CourseComments.Delivery;
using CourseComments.Json;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CourseComments.Health;

/// <summary><c>GET /api/health</c>: cheap enough to be the load tests' baseline; reports a failing secret source and
/// the delivery state (lease, subscription, counters).</summary>
public sealed class HealthEndpoint(
    ISigningSecretSource secrets, DeliveryStatus delivery, IOptions<MomentoOptions> momento)
{
    public async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        var mode = momento.Value.Mode.ToString();
        try
        {
            await secrets.GetAsync(cancellationToken);
            return TypedResults.Json(
                new HealthReport("healthy", mode, "ok", delivery.Report()), AppJsonContext.Default.HealthReport);
        }
        catch (SecretSourceUnavailableException ex)
        {
            return TypedResults.Json(
                new HealthReport("unhealthy", mode, ex.Reason, delivery.Report()),
                AppJsonContext.Default.HealthReport,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <param name="Delivery">How comments reach the store on this instance (<see cref="DeliveryReport"/>).</param>
public sealed record HealthReport(string Status, string Mode, string SigningSecrets, DeliveryReport Delivery);
