using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CourseComments.Http;

/// <summary>
/// In Azure, every answer carries <c>Strict-Transport-Security</c> (one year, subdomains included), so a browser
/// that once reached the app over https never tries http again. Added here rather than with ASP.NET Core's
/// <c>UseHsts</c>, which only sends it on requests it sees as https: behind the platform's front end, which ends
/// TLS, the app may see http. Never sent outside Azure, where localhost must stay reachable over http.
/// A startup filter, so every host that builds an ASP.NET Core pipeline from these services gets it.
/// </summary>
internal sealed class StrictTransportSecurity(AzurePlatform platform) : IStartupFilter
{
    public const string Value = "max-age=31536000; includeSubDomains";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (platform.IsAzure)
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers.StrictTransportSecurity = Value;
                return nextMiddleware(context);
            });
        }

        next(app);
    };
}
