using Grpc.Core;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>The argument checks every call shares, answered with Momento's status codes.</summary>
internal static class CallChecks
{
    /// <summary>The cache a data call targets: Momento's SDKs name it in the <c>cache</c> header.</summary>
    public static string CacheName(ServerCallContext context) =>
        context.RequestHeaders.GetValue("cache") is { Length: > 0 } cache
            ? cache
            : throw Invalid("The cache header is required.");

    /// <summary>A TTL in milliseconds as the SDKs send it; Momento requires one on every write.</summary>
    public static TimeSpan Ttl(ulong milliseconds) =>
        milliseconds is > 0 and <= int.MaxValue
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw Invalid("ttl_milliseconds must be positive.");

    public static void NotEmpty(string value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid($"{name} must not be empty.");
        }
    }

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));
}
