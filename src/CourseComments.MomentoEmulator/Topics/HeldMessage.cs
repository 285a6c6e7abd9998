using Momento.Protos.CacheClient.Pubsub;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>A published message as a topic holds it.</summary>
public sealed record HeldMessage(
    ulong SequenceNumber, _TopicValue Value, string PublisherId, DateTimeOffset PublishedAt);
