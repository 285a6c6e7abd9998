using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace CourseComments.Http;

/// <summary>
/// Reads a request body once, up to a limit, without ever buffering more than the limit: a client that announces
/// or streams more is cut off as soon as it crosses it.
/// </summary>
public static class BoundedBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (await ReadPooledAsync(request, maxBytes, cancellationToken) is not { } body)
        {
            return null;
        }

        try
        {
            return body.AsSpan().ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Array!);
        }
    }

    /// <returns>The body in an array rented from <see cref="ArrayPool{T}.Shared"/>, which the caller returns once
    /// done with it; or null when the body is larger than <paramref name="maxBytes"/>.</returns>
    public static async ValueTask<ArraySegment<byte>?> ReadPooledAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        var handedOver = false;
        try
        {
            var length = 0;
            while (true)
            {
                var read = await request.Body.ReadAsync(
                    buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken);
                if (read == 0)
                {
                    handedOver = true;
                    return new ArraySegment<byte>(buffer, 0, length);
                }

                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
