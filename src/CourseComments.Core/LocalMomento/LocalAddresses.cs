using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CourseComments.LocalMomento;

/// <summary>
/// Where the stand-in's two local addresses point: <c>LocalMomento:PublicBaseUrl</c> and <c>LocalMomento:WebhookUrl</c>
/// when set, otherwise the address the server actually listens on (<see cref="IServerAddressesFeature"/>, filled once
/// it has started, so <c>--urls http://localhost:5080</c> or port 0 just work). Read on first use, after start-up.
/// </summary>
/// <param name="server">The host's server; absent where a host composes the app without one (then only the settings
/// count).</param>
public sealed class LocalAddresses(IOptions<LocalMomentoOptions> options, IServer? server = null)
{
    private readonly LocalMomentoOptions settings = options.Value;

    /// <summary>The origin browsers reach the app at.</summary>
    /// <exception cref="InvalidOperationException">Neither set nor known from the server (a server that listens on
    /// no address); the start-up report names the setting.</exception>
    public Uri PublicBaseUrl => settings.PublicBaseUrl ?? ListeningOrigin() ?? throw Unknown("PublicBaseUrl");

    /// <summary>Where webhook events are delivered.</summary>
    /// <exception cref="InvalidOperationException">As for <see cref="PublicBaseUrl"/>.</exception>
    public Uri WebhookUrl =>
        settings.WebhookUrl ?? (ListeningOrigin() is { } origin ? new Uri(origin, "/api/webhook") : null) ?? throw Unknown("WebhookUrl");

    /// <summary>The base URL minted tokens carry: the stand-in's Topics API under the app's /api routes (a path in
    /// <see cref="PublicBaseUrl"/> is ignored).</summary>
    public Uri TopicsBaseUrl => new(PublicBaseUrl.GetLeftPart(UriPartial.Authority) + LocalMomentoRoutes.Prefix);

    /// <summary>The addresses the server listens on, as it reports them (empty before it starts).</summary>
    public IReadOnlyCollection<string> Listening =>
        server?.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    private static InvalidOperationException Unknown(string setting) =>
        new($"LocalMomento:{setting} is not set and the server reports no address.");

    /// <summary>The first http address (else https), with a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>,
    /// <c>[::]</c>) read as localhost: the server is reachable there from this machine.</summary>
    private Uri? ListeningOrigin()
    {
        var addresses = Listening
            .Select(address => Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
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
