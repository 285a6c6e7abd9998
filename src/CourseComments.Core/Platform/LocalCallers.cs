using System.Net;
using CourseComments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseComments.Platform;

/// <summary>Who may call the app in local mode (section <c>LocalMode</c>).</summary>
public sealed class LocalModeOptions
{
    public const string Section = "LocalMode";

    /// <summary>Lets callers from other machines reach the app in local mode, where anyone may name any user and
    /// tokens are handed out for them (the Momento emulator itself binds loopback only). Off by default; on, start-up
    /// logs a warning.</summary>
    public bool AllowRemoteCallers { get; set; }
}

/// <summary>
/// In local mode only loopback callers are answered (<c>func start</c> listens on every interface): others get 403.
/// The caller is <see cref="ConnectionInfo.RemoteIpAddress"/>, which behind the Functions host is the forwarded
/// client address; a connection without an IP address (in-process test server, Unix socket) is local.
/// </summary>
public sealed partial class LocalCallers(
    IOptions<MomentoOptions> momento, IOptions<LocalModeOptions> options, ILogger<LocalCallers> logger) : IHostedService
{
    private readonly bool loopbackOnly = momento.Value.Mode == MomentoMode.Local && !options.Value.AllowRemoteCallers;

    public bool IsAllowed(HttpContext context) =>
        !loopbackOnly || context.Connection.RemoteIpAddress is not { } address || IsLoopback(address);

    /// <summary>The answer to a caller <see cref="IsAllowed"/> refused.</summary>
    public static IResult Refusal() => Problems.Create(
        StatusCodes.Status403Forbidden,
        "local-mode-loopback-only",
        "In local mode this app answers callers on this machine only.");

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (momento.Value.Mode == MomentoMode.Local && options.Value.AllowRemoteCallers)
        {
            RemoteCallersAllowed(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 5000,
        Level = LogLevel.Warning,
        Message = "LocalMode:AllowRemoteCallers is on: other machines can name any user and get tokens for them")]
    private static partial void RemoteCallersAllowed(ILogger logger);
}

/// <summary>Applies <see cref="LocalCallers"/> to every route of a host that routes itself.</summary>
public sealed class LocalCallersFilter(LocalCallers callers) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        callers.IsAllowed(context.HttpContext) ? next(context) : ValueTask.FromResult<object?>(LocalCallers.Refusal());
}
