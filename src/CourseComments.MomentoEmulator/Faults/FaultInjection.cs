using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CourseComments.MomentoEmulator.Faults;

/// <summary>Applies <see cref="EmulatorFaults"/> to each call before it is served.</summary>
internal sealed class FaultInjection(EmulatorFaults faults) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await ApplyAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await ApplyAsync(context);
        await continuation(request, responseStream, context);
    }

    private async Task ApplyAsync(ServerCallContext context)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        if (faults.BeforeCall is { } beforeCall)
        {
            await beforeCall(method, context.CancellationToken);
        }

        var (delay, failure) = faults.For(method);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.CancellationToken);
        }

        if (failure is { } status)
        {
            throw new RpcException(new Status(status, "Injected fault."));
        }
    }
}
