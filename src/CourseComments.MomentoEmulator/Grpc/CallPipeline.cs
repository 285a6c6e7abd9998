using CourseComments.MomentoEmulator.Cache;
using CourseComments.MomentoEmulator.Faults;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>
/// What every call passes through: the faults a test injected (<see cref="EmulatorFaults"/>), then the call, whose
/// store exceptions become the status codes Momento answers with (NOT_FOUND, FAILED_PRECONDITION; the SDKs map them to
/// NOT_FOUND_ERROR, FAILED_PRECONDITION_ERROR). With no fault set, a call that completes at once costs no extra task.
/// </summary>
internal sealed class CallPipeline(EmulatorFaults faults) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        faults.IsIdle ? Serve(request, context, continuation) : WithFaultsAsync(request, context, continuation);

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await faults.ApplyAsync(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (StatusOf(ex) is { } status)
        {
            throw new RpcException(status);
        }
    }

    private async Task<TResponse> WithFaultsAsync<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        await faults.ApplyAsync(context);
        return await Serve(request, context, continuation);
    }

    private static Task<TResponse> Serve<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            var answer = continuation(request, context);
            return answer.IsCompletedSuccessfully ? answer : Mapped(answer);
        }
        catch (Exception ex) when (StatusOf(ex) is { } status)
        {
            throw new RpcException(status);
        }
    }

    private static async Task<TResponse> Mapped<TResponse>(Task<TResponse> answer)
    {
        try
        {
            return await answer;
        }
        catch (Exception ex) when (StatusOf(ex) is { } status)
        {
            throw new RpcException(status);
        }
    }

    private static Status? StatusOf(Exception ex) => ex switch
    {
        CacheNotFoundException => new Status(StatusCode.NotFound, ex.Message),
        WrongItemTypeException => new Status(StatusCode.FailedPrecondition, ex.Message),
        _ => null,
    };
}
