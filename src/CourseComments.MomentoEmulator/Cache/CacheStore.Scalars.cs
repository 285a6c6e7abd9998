using System.Globalization;
using Google.Protobuf;

namespace CourseComments.MomentoEmulator.Cache;

/// <summary>Scalar items: get, set, conditional set, increment and delete, each atomic under the store's
/// lock.</summary>
public sealed partial class CacheStore
{
    public ByteString? Get(string cache, ByteString key)
    {
        lock (gate)
        {
            var entry = Live(Items(cache), key);
            return entry switch
            {
                null => null,
                { List: not null } => throw new WrongItemTypeException(),
                _ => entry.Value,
            };
        }
    }

    public void Set(string cache, ByteString key, ByteString value, TimeSpan ttl)
    {
        lock (gate)
        {
            Store(cache, Items(cache), key, value, ttl);
        }
    }

    /// <summary>Stores <paramref name="value"/> when <paramref name="condition"/> holds for the current value (null:
    /// no item), atomically.</summary>
    /// <returns>True when stored.</returns>
    public bool SetIf(string cache, ByteString key, ByteString value, TimeSpan ttl, Func<ByteString?, bool> condition)
    {
        lock (gate)
        {
            var items = Items(cache);
            var current = Live(items, key);
            if (current is { List: not null })
            {
                throw new WrongItemTypeException();
            }

            if (!condition(current?.Value))
            {
                return false;
            }

            Store(cache, items, key, value, ttl);
            return true;
        }
    }

    /// <summary>Adds <paramref name="amount"/> to the base-10 integer stored under <paramref name="key"/> (a missing
    /// key counts from 0), stores the result as text with <paramref name="ttl"/>, atomically (Momento's
    /// Increment).</summary>
    /// <returns>The value after the increment.</returns>
    public long Increment(string cache, ByteString key, long amount, TimeSpan ttl)
    {
        lock (gate)
        {
            var items = Items(cache);
            var current = Live(items, key);
            var count = 0L;
            if (current is { List: not null }
                || (current is not null && !long.TryParse(current.Value!.Span, NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out count)))
            {
                throw new WrongItemTypeException("The value at this key is not an integer.");
            }

            var next = count + amount;
            Store(cache, items, key, ByteString.CopyFromUtf8(next.ToString(CultureInfo.InvariantCulture)), ttl);
            return next;
        }
    }

    public void Delete(string cache, ByteString key)
    {
        lock (gate)
        {
            Remove(cache, Items(cache), key);
        }
    }

    /// <summary>Sets a scalar: a live scalar at the key is rewritten in place (keeping its place in the expiry heap),
    /// anything else replaced.</summary>
    private void Store(
        string cache, Dictionary<ByteString, Entry> items, ByteString key, ByteString value, TimeSpan ttl)
    {
        if (Live(items, key) is { List: null } entry)
        {
            Resize(entry, value.Length - entry.Value!.Length);
            entry.Value = value;
            Expire(cache, key, entry, ttl);
            ChangeCount++;
            EvictBeyondBounds();
            return;
        }

        Remove(cache, items, key);
        Add(cache, items, key, new Entry { Value = value }, ttl);
    }
}
