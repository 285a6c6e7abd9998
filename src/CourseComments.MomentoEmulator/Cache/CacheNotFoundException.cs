namespace CourseComments.MomentoEmulator.Cache;

/// <summary>The cache named in a call does not exist (Momento answers NOT_FOUND).</summary>
public sealed class CacheNotFoundException(string cache) : Exception($"Cache '{cache}' not found.");
