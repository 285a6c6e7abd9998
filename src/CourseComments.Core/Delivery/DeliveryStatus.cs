using System.Text.Json.Serialization;
using CourseComments.Platform;
using Microsoft.Extensions.Options;

namespace CourseComments.Delivery;

/// <summary>
/// This instance's delivery state and counters since start, for <c>GET /api/health</c>. Written by the delivery
/// channels, read at any time; each field is atomic on its own (the report is not a single snapshot).
/// </summary>
public sealed class DeliveryStatus(IOptions<MomentoOptions> momento, TimeProvider time)
{
    private readonly DeliveryMode mode = momento.Value.Delivery;
    private long received;
    private long stored;
    private long duplicates;
    private long refused;
    private long failed;
    private long discontinuities;
    private long lastMessageAtTicks;
    private int leaseHeld;
    private int connected;

    public void LeaseHeld(bool held) => Volatile.Write(ref leaseHeld, held ? 1 : 0);

    public void Connected(bool isConnected) => Volatile.Write(ref connected, isConnected ? 1 : 0);

    public void Received()
    {
        Interlocked.Increment(ref received);
        Interlocked.Exchange(ref lastMessageAtTicks, time.GetUtcNow().UtcTicks);
    }

    public void Stored() => Interlocked.Increment(ref stored);

    public void Duplicate() => Interlocked.Increment(ref duplicates);

    public void Refused() => Interlocked.Increment(ref refused);

    public void Failed() => Interlocked.Increment(ref failed);

    public void Discontinuity() => Interlocked.Increment(ref discontinuities);

    public DeliveryReport Report()
    {
        var last = Interlocked.Read(ref lastMessageAtTicks);
        return new DeliveryReport(
            mode.ToString(),
            Volatile.Read(ref leaseHeld) == 1,
            Volatile.Read(ref connected) == 1,
            last == 0 ? null : new DateTimeOffset(last, TimeSpan.Zero),
            Interlocked.Read(ref received),
            Interlocked.Read(ref stored),
            Interlocked.Read(ref duplicates),
            Interlocked.Read(ref refused),
            Interlocked.Read(ref failed),
            Interlocked.Read(ref discontinuities));
    }
}

/// <summary>
/// Health's <c>delivery</c> object. Counters are this instance's since start: <c>received</c> messages (webhook
/// deliveries or topic items, redeliveries included), <c>stored</c> by this instance, <c>duplicates</c> (stored
/// already, here or by the other subscriber), <c>refused</c> by the intake, <c>failed</c> (given up after the store's
/// retries), <c>discontinuities</c> (gaps Momento reported). <c>lastMessageAt</c> is null until a message arrives.
/// </summary>
public sealed record DeliveryReport(
    string Mode,
    bool LeaseHeld,
    bool Connected,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    DateTimeOffset? LastMessageAt,
    long Received,
    long Stored,
    long Duplicates,
    long Refused,
    long Failed,
    long Discontinuities);
