using CourseComments.Platform;
using Microsoft.Extensions.Options;

namespace CourseComments.Tokens;

/// <summary>Browser origins allowed to ask for tokens cross-origin (section <c>Cors</c>).</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins as <c>scheme://host[:port]</c>, e.g. <c>https://courses.example.com</c>: <c>https</c> only
    /// outside local mode. <c>*</c> (any origin) only in local mode, where loopback origins are allowed even when this
    /// is empty.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Lets browsers send cookies (an Easy Auth session) with cross-origin requests.</summary>
    public bool AllowCredentials { get; set; }
}

/// <summary>Start-up check: every origin is a bare http(s) origin, and outside local mode an https one (a page
/// served over http could be altered in transit and then spend a signed-in user's cookies); the wildcard never
/// leaves local mode.</summary>
public sealed class CorsOptionsValidator(IOptions<MomentoOptions> momento) : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (origin == TokenCors.AnyOrigin)
            {
                if (momento.Value.Mode != MomentoMode.Local)
                {
                    failures.Add("Cors:AllowedOrigins may not contain '*' outside local mode: "
                        + "list the browser origins instead.");
                }
            }
            else if (TokenCors.Normalize(origin) is not { } normalized)
            {
                failures.Add($"Cors:AllowedOrigins entry '{origin}' is not an origin like https://courses.example.com "
                    + "(scheme, host and optional port; no path).");
            }
            else if (momento.Value.Mode != MomentoMode.Local
                     && !normalized.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Cors:AllowedOrigins entry '{origin}' must use https outside local mode.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
