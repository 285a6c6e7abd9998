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
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            while (true)
            {
                var read = await request.Body.ReadAsync(
                    buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
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
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
