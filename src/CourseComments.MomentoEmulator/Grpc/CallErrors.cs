using CourseComments.MomentoEmulator.Cache;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>Turns the stores' exceptions into the status codes Momento answers with (the SDKs map them to their
/// error codes: NOT_FOUND_ERROR, FAILED_PRECONDITION_ERROR, ...).</summary>
internal sealed class CallErrors : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (StatusOf(ex) is { } status)
        {
            throw new RpcException(status);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
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
