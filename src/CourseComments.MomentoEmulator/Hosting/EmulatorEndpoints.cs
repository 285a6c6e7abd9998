namespace CourseComments.MomentoEmulator.Hosting;

/// <summary>Where the emulator listens, known once its listeners are bound (ports may be picked at start-up).</summary>
public sealed class EmulatorEndpoints
{
    private string? grpcHost;
    private string? httpAuthority;

    /// <summary>Host of the gRPC listener (for <c>MomentoLocalProvider(host, port)</c>).</summary>
    public string GrpcHost => grpcHost ?? throw NotStarted();

    public int GrpcPort { get; private set; }

    /// <summary>Base URL of the Topics HTTP API, e.g. <c>http://127.0.0.1:7073</c>.</summary>
    public Uri HttpBaseUrl => new($"http://{httpAuthority ?? throw NotStarted()}");

    /// <summary>The endpoint minted tokens name (Momento's <c>endpoint</c>): the configured one, else the Topics HTTP
    /// API's <c>host:port</c>, which is where a browser holding the token publishes.</summary>
    public string TokenEndpoint => ConfiguredTokenEndpoint ?? httpAuthority ?? throw NotStarted();

    internal string? ConfiguredTokenEndpoint { get; set; }

    internal void Bound(string host, int grpcPort, int httpPort)
    {
        grpcHost = host;
        GrpcPort = grpcPort;
        httpAuthority = $"{host}:{httpPort}";
    }

    private static InvalidOperationException NotStarted() => new("The Momento emulator has not started listening yet.");
}
