using System.Text.Json;
using System.Text.Json.Serialization;
using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Cache;

[JsonSerializable(typeof(CacheSnapshot))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;

/// <summary>
/// Sweeps expired items every second and, with a snapshot file set, loads it at start-up and writes it when the
/// cache changed (every <see cref="EmulatorOptions.SnapshotInterval"/>) and at shutdown. Writes go to a temporary
/// file first, so a crash mid-write never loses the previous snapshot.
/// </summary>
public sealed partial class CacheMaintenance(
    CacheStore store, IOptions<EmulatorOptions> options, TimeProvider time, ILogger<CacheMaintenance> logger)
        : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private long savedChanges;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SnapshotFile is { } file && File.Exists(file))
        {
            await using var stream = File.OpenRead(file);
            var snapshot = await JsonSerializer.DeserializeAsync(stream, SnapshotJsonContext.Default.CacheSnapshot,
                cancellationToken)
                ?? throw new InvalidDataException($"The snapshot file {file} is empty.");
            store.Import(snapshot);
            Loaded(logger, file);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SaveAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastSave = time.GetUtcNow();
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.Sweep();
                if (time.GetUtcNow() - lastSave >= options.Value.SnapshotInterval)
                {
                    await SaveAsync(stoppingToken);
                    lastSave = time.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes the last snapshot.
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SnapshotFile is not { } file || store.ChangeCount == savedChanges)
        {
            return;
        }

        savedChanges = store.ChangeCount;
        var temporary = file + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, store.Export(), SnapshotJsonContext.Default.CacheSnapshot,
                cancellationToken);
        }

        File.Move(temporary, file, overwrite: true);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Momento emulator loaded its snapshot from {File}")]
    private static partial void Loaded(ILogger logger, string file);
}
