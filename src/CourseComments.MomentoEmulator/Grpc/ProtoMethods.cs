using Google.Protobuf;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;

namespace CourseComments.MomentoEmulator.Grpc;

/// <summary>
/// gRPC method definitions built from the service descriptors that Momento.Protos ships (it has client stubs only, no
/// server bases), so the emulator serves exactly the wire names and message types Momento's SDKs call.
/// </summary>
internal static class ProtoMethods
{
    /// <summary>The method <paramref name="name"/> of <paramref name="service"/>, checked against the message types
    /// its descriptor declares.</summary>
    /// <exception cref="InvalidOperationException">The descriptor has no such method, or other message
    /// types.</exception>
    public static Method<TRequest, TResponse> Find<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = service.FindMethodByName(name)
            ?? throw new InvalidOperationException($"{service.FullName} has no method {name}.");
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"{service.FullName}/{name} does not take {typeof(TRequest).Name} to {typeof(TResponse).Name}.");
        }

        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        return new Method<TRequest, TResponse>(type, service.FullName, method.Name, For<TRequest>(), For<TResponse>());
    }

    private static Marshaller<T> For<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = (MessageParser<T>)new T().Descriptor.Parser;
        return Marshallers.Create<T>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
    }
}
