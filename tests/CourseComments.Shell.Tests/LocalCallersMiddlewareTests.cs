using System.Net;
using CourseComments.Functions;
using CourseComments.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CourseComments.Shell.Tests;

/// <summary>
/// Issue 17, item 9 in the Functions app: under <c>func start</c> the host listens on every interface, so the worker
/// middleware refuses a function invocation for a remote caller in local mode. The Functions host cannot run here;
/// its <see cref="FunctionContext"/> is substituted, carrying the ASP.NET Core <see cref="HttpContext"/> the way the
/// ASP.NET Core integration hands it over (the <c>HttpRequestContext</c> item that <c>GetHttpContext</c> reads).
/// </summary>
public sealed class LocalCallersMiddlewareTests
{
    [Theory]
    [InlineData("203.0.113.7", MomentoMode.Local, false, 403, false)]
    [InlineData("127.0.0.1", MomentoMode.Local, false, 200, true)]
    [InlineData("::1", MomentoMode.Local, false, 200, true)]
    [InlineData("203.0.113.7", MomentoMode.Local, true, 200, true)]
    [InlineData("203.0.113.7", MomentoMode.Momento, false, 200, true)]
    public async Task Only_loopback_callers_reach_a_function_in_local_mode(
        string caller, MomentoMode mode, bool allowRemote, int expectedStatus, bool functionRuns)
    {
        var callers = new LocalCallers(
            Options.Create(new MomentoOptions { Mode = mode }),
            Options.Create(new LocalModeOptions { AllowRemoteCallers = allowRemote }),
            NullLogger<LocalCallers>.Instance);
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        http.Connection.RemoteIpAddress = IPAddress.Parse(caller);
        http.Response.Body = new MemoryStream();
        var context = Substitute.For<FunctionContext>();
        context.Items.Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        var ran = false;

        await new LocalCallersMiddleware(callers).Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.Equal(functionRuns, ran);
        Assert.Equal(expectedStatus, http.Response.StatusCode);
    }
}
