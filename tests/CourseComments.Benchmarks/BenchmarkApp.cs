using CourseComments.Momento;
using CourseComments.MomentoEmulator.Hosting;
using CourseComments.Platform;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>The app's real services (Momento.Sdk adapters + <see cref="CourseCommentsApp.AddCourseComments"/>) in local
/// mode, without a host, against a Momento emulator of their own (disposed with the services).</summary>
internal static class BenchmarkApp
{
    public const string Secret = "benchmark-signing-secret";

    /// <param name="configure">Replaces services after the app's own (a benchmark's store, say).</param>
    public static ServiceProvider Build(TimeProvider clock, Action<IServiceCollection>? configure = null)
    {
        var emulator = MomentoEmulatorHost.StartAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MomentoEmulator:GrpcPort"] = "0",
                ["MomentoEmulator:HttpPort"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
            }).Build(),
            services => services.AddSingleton(clock)).GetAwaiter().GetResult();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Local",
            ["Momento:Delivery"] = "Webhook",
            ["Momento:LocalEndpoint"] = $"{emulator.Endpoints.GrpcHost}:{emulator.Endpoints.GrpcPort}",
            ["Webhook:SigningSecrets:0"] = Secret,
            // Benchmarks measure the path, not the per-author limit: 1,000 authors repeat within a window.
            ["Intake:MaxCommentsPerAuthor"] = "10000",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(_ => emulator);
        services.AddLogging();
        services.AddCourseComments(configuration);
        services.AddMomentoAdapters();
        services.AddConfiguredSigningSecrets();
        services.AddSingleton(clock);
        // Whatever machine this runs on, it is not Azure: local mode must be allowed.
        services.AddSingleton(new AzurePlatform(_ => null));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<MomentoEmulatorHost>(); // owned, so disposed, by the provider
        return provider;
    }

    /// <summary>A request as Kestrel would hand it over, answered into a sink.</summary>
    public static HttpContext Request(IServiceProvider services, string method, byte[] body, string? signature = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        if (signature is not null)
        {
            context.Request.Headers["momento-signature"] = signature;
        }

        context.Response.Body = Stream.Null;
        return context;
    }
}

/// <summary>A clock stopped at one instant, so pre-signed events stay fresh for the whole run.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
