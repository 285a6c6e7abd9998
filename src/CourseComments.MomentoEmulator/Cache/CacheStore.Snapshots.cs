using Google.Protobuf;

namespace CourseComments.MomentoEmulator.Cache;

/// <summary>Snapshots: every cache and live item copied out for the snapshot file, and loaded back at
/// start-up.</summary>
public sealed partial class CacheStore
{
    /// <summary>A copy of every cache and live item, for the snapshot file.</summary>
    public CacheSnapshot Export()
    {
        lock (gate)
        {
            var now = Now;
            return new CacheSnapshot(
                [.. caches.Select(cache => new CacheSnapshot.CacheData(
                    cache.Key,
                    [.. cache.Value.Where(item => item.Value.ExpiresAt > now).Select(item => new CacheSnapshot.ItemData(
                        item.Key.ToByteArray(),
                        item.Value.Value?.ToByteArray(),
                        item.Value.List?.Select(v => v.ToByteArray()).ToArray(),
                        item.Value.ExpiresAt))]))]);
        }
    }

    /// <summary>Loads a snapshot: its caches are created, its unexpired items stored with their remaining
    /// TTL.</summary>
    public void Import(CacheSnapshot snapshot)
    {
        lock (gate)
        {
            var now = Now;
            foreach (var cache in snapshot.Caches)
            {
                if (!caches.TryGetValue(cache.Name, out var items))
                {
                    caches[cache.Name] = items = [];
                }

                foreach (var item in cache.Items.Where(i => i.ExpiresAtUnixMilliseconds > now && (
                    i.Value is null) != (i.List is null)))
                {
                    var key = ByteString.CopyFrom(item.Key);
                    var entry = item.Value is { } value
                        ? new Entry { Value = ByteString.CopyFrom(value) }
                        : new Entry { List = [.. item.List!.Select(ByteString.CopyFrom)] };
                    Remove(cache.Name, items, key);
                    Add(cache.Name, items, key, entry, TimeSpan.FromMilliseconds(item.ExpiresAtUnixMilliseconds - now));
                    Resize(entry, entry.List?.Sum(v => v.Length + 8) ?? 0);
                }
            }

            ChangeCount = 0;
        }
    }
}
