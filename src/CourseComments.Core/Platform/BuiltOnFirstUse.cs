namespace CourseComments.Platform;

/// <summary>
/// A value built on first use, never during start-up (which Flex Consumption limits to 30 s), then kept for the
/// process. One build runs at a time; a failed build is not remembered, so the next caller tries again.
/// </summary>
public sealed class BuiltOnFirstUse<T>(Func<CancellationToken, ValueTask<T>> build) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private T? value;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref value) is { } built)
        {
            return built;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (value is null)
            {
                Volatile.Write(ref value, await build(cancellationToken));
            }

            return value!;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Disposes the value too, when it was built and is disposable.</summary>
    public void Dispose()
    {
        (value as IDisposable)?.Dispose();
        gate.Dispose();
    }
}
