using CourseComments.Platform;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CourseComments.Functions;

/// <summary>
/// <see cref="LocalCallers"/> for the Functions app: under <c>func start</c> the host listens on every interface, so
/// in local mode a function invoked for a caller from another machine is answered 403 instead of being run.
/// </summary>
internal sealed class LocalCallersMiddleware(LocalCallers callers) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && !callers.IsAllowed(http))
        {
            await LocalCallers.Refusal().ExecuteAsync(http);
            return;
        }

        await next(context);
    }
}
