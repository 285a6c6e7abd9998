using CourseComments.Comments;
using CourseComments.MomentoEmulator.Faults;
using Grpc.Core;

namespace CourseComments.Tests.Faults;

/// <summary>
/// Switchable faults at the Momento emulator, in the store's terms: before a call reaches the emulator's cache,
/// <see cref="Fault"/> (when set) runs with the store operation it serves and the call's cancellation; it may wait,
/// hang, or throw a <see cref="CommentStoreException"/>, which the emulator answers as Momento would (the gRPC status
/// the SDK maps back to that failure class). A fault that throws means the operation did not happen. Reads back
/// (ListFetch) are never faulted: the tests use them to see what was really stored.
/// </summary>
internal sealed class StoreFaults(EmulatorFaults faults)
{
    public Func<StoreOperation, CancellationToken, Task>? Fault
    {
        set => faults.BeforeCall = value is null ? null : (method, ct) => Operation(method) is { } operation
            ? RunAsync(value, operation, ct) : Task.CompletedTask;
    }

    private static async Task RunAsync(Func<StoreOperation, CancellationToken, Task> fault, StoreOperation operation,
        CancellationToken cancellationToken)
    {
        try
        {
            await fault(operation, cancellationToken);
        }
        catch (CommentStoreException ex)
        {
            throw new RpcException(new Status(StatusOf(ex.Failure), ex.Message));
        }
    }

    private static StoreOperation? Operation(string method) => method switch
    {
        "SetIfNotExists" => StoreOperation.Claim,
        "Get" => StoreOperation.ReadClaim,
        "Set" => StoreOperation.ConfirmClaim,
        "Delete" => StoreOperation.ReleaseClaim,
        "ListConcatenateFront" => StoreOperation.Push,
        "Increment" => StoreOperation.Count,
        _ => null,
    };

    /// <summary>The status Momento answers with for each failure class (Momento.Sdk maps RESOURCE_EXHAUSTED to
    /// LIMIT_EXCEEDED, PERMISSION_DENIED to PERMISSION_ERROR, UNAVAILABLE to SERVER_UNAVAILABLE).</summary>
    private static StatusCode StatusOf(StoreFailure failure) => failure switch
    {
        StoreFailure.Throttled => StatusCode.ResourceExhausted,
        StoreFailure.Rejected => StatusCode.PermissionDenied,
        _ => StatusCode.Unavailable,
    };
}

public enum StoreOperation
{
    Claim,
    ReadClaim,
    ConfirmClaim,
    ReleaseClaim,
    Push,
    Count,
}
