using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CourseComments;

/// <summary>Kestrel limits for hosts that run their own Kestrel (the dev server; the Functions worker's Kestrel
/// behind the Functions host).</summary>
public static class CourseCommentsKestrel
{
    /// <summary>A request body must arrive at 1 KB/s or faster once a 2 s grace period is over: every body we take
    /// is at most 64 KB and sent in one go, so only a deliberately trickled body is cut off (Kestrel's default is
    /// 240 B/s after 5 s).</summary>
    public static readonly MinDataRate MinRequestBodyDataRate =
        new(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(2));

    public static void Configure(KestrelServerOptions kestrel) =>
        kestrel.Limits.MinRequestBodyDataRate = MinRequestBodyDataRate;
}
