using System.Net;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 9: in local mode, where anyone may name any user, only callers on this machine are
/// answered unless a setting opens the app, which start-up then warns about.</summary>
public class LoopbackOnlyTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Theory]
    [InlineData("POST", "/api/tokens")]
    [InlineData("GET", "/api/courses/101/comments")]
    [InlineData("POST", "/api/webhook")]
    [InlineData("GET", "/api/client/")]
    public async Task A_remote_caller_is_refused_in_local_mode(string method, string path)
    {
        await using var app = await TestApp.StartAsync();

        var remote = await SendFromAsync(app, Remote, method, path);
        var loopback = await SendFromAsync(app, IPAddress.Loopback, method, path);
        var mappedLoopback = await SendFromAsync(app, IPAddress.Loopback.MapToIPv6(), method, path);

        Assert.Equal(StatusCodes.Status403Forbidden, remote.Response.StatusCode);
        Assert.Contains("local-mode-loopback-only", await BodyAsync(remote), StringComparison.Ordinal);
        Assert.DoesNotContain("local-mode-loopback-only", await BodyAsync(loopback), StringComparison.Ordinal);
        Assert.DoesNotContain("local-mode-loopback-only", await BodyAsync(mappedLoopback), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_local_mode_to_remote_callers_is_explicit_and_warned_about()
    {
        await using var app = await LoggedApp.StartAsync(
            new Dictionary<string, string?> { ["LocalMode:AllowRemoteCallers"] = "true" });

        var remote = await SendFromAsync(app.App, Remote, "GET", "/api/courses/101/comments");

        Assert.Equal(StatusCodes.Status200OK, remote.Response.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains("LocalMode:AllowRemoteCallers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_local_mode_remote_callers_are_answered()
    {
        // Momento mode needs a token minter (the Momento.Sdk adapters in the Functions app): a substitute here.
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento" },
            services => services.AddSingleton(Substitute.For<ITokenMinter>()));

        var remote = await SendFromAsync(app, Remote, "GET", "/api/courses/101/comments");

        Assert.Equal(StatusCodes.Status200OK, remote.Response.StatusCode);
    }

    [Fact]
    public async Task Over_real_Kestrel_a_caller_on_another_interface_is_refused()
    {
        // This machine's own non-loopback address: a real connection whose peer is not loopback.
        var other = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && !IPAddress.IsLoopback(address));
        Assert.True(other is not null, "This test needs a non-loopback IPv4 address on this machine.");
        await using var app = await KestrelApp.StartAsync(IPAddress.Any);

        var remote = await app.SendAsync("GET /api/courses/101/comments HTTP/1.1", connectTo: other);
        var loopback = await app.SendAsync("GET /api/courses/101/comments HTTP/1.1", connectTo: IPAddress.Loopback);

        Assert.Equal(403, remote);
        Assert.Equal(200, loopback);
    }

    private static Task<string> BodyAsync(HttpContext context) =>
        new StreamReader(context.Response.Body).ReadToEndAsync();

    private static Task<HttpContext> SendFromAsync(TestApp app, IPAddress caller, string method, string path) =>
        ((TestServer)app.Services.GetRequiredService<IServer>()).SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = caller;
        });
}
