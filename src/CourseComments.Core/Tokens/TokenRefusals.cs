using System.Globalization;
using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tokens;

/// <summary>How <see cref="TokenEndpoint"/> refuses a request: a problem answer (RFC 9457) and a sampled log line
/// under the endpoint's own log category.</summary>
public sealed class TokenRefusals(RefusalSampler refusals, ILogger<TokenEndpoint> logger)
{
    /// <summary>429 with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public IResult Throttled(HttpResponse response, TimeSpan retryAfter, string reason, bool userShareSpent = false)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        Log(StatusCodes.Status429TooManyRequests, reason);
        return userShareSpent
            ? Problems.Create(
                StatusCodes.Status429TooManyRequests,
                "user-throttled",
                "You asked for new tokens too often. Retry after the Retry-After delay.")
            : Problems.Create(
                StatusCodes.Status429TooManyRequests,
                "throttled",
                "Too many tokens are being issued. Retry after the Retry-After delay.");
    }

    /// <summary>The problem answer for <paramref name="status"/>, logged.</summary>
    public IResult Refuse(int status, string reason, string title)
    {
        Log(status, reason);
        return Problems.Create(status, reason, title);
    }

    /// <summary>An expected refusal: Information at most, no stack trace, identical ones sampled.</summary>
    public void Log(int status, string reason)
    {
        if (refusals.ShouldLog($"tokens:{status}:{reason}", out var omitted))
        {
            TokenLog.Refused(logger, status, reason, omitted);
        }
    }
}
