using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CourseComments.DevServer;

/// <summary>Where the started server can be reached from this machine: the default webhook target.</summary>
internal static class ListeningAddress
{
    /// <summary>The server's first http address (else https), with a wildcard host (<c>+</c>, <c>*</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) read as localhost: the server is reachable there from this machine.</summary>
    public static Uri? Origin(IServer? server)
    {
        var addresses = (server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(address => Uri.TryCreate(
                address.Replace("://+", "://localhost", StringComparison.Ordinal)
                    .Replace("://*", "://localhost", StringComparison.Ordinal),
                UriKind.Absolute,
                out var uri) ? uri : null)
            .OfType<Uri>()
            .ToArray();
        var chosen = addresses.FirstOrDefault(uri => uri.Scheme == Uri.UriSchemeHttp) ?? addresses.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var host = chosen.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : chosen.Host;
        return new UriBuilder(chosen.Scheme, host, chosen.Port).Uri;
    }
}
