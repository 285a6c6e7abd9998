namespace CourseComments.Momento;

/// <summary>
/// One long-lived client, built on first use (never during start-up, which Flex Consumption limits to 30 s) and kept
/// for the process. A failed build is not remembered: the next caller tries again.
/// </summary>
internal sealed class LazyClient<TClient>(Func<CancellationToken, ValueTask<TClient>> build) : IDisposable
    where TClient : class, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private TClient? client;

    public async ValueTask<TClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref client) is { } built)
        {
            return built;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (client is null)
            {
                Volatile.Write(ref client, await build(cancellationToken));
            }

            return client!;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        client?.Dispose();
        gate.Dispose();
    }
}
