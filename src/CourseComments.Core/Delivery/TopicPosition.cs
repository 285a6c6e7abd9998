namespace CourseComments.Delivery;

/// <summary>
/// A place in a topic's stream. Momento numbers a topic's messages 1, 2, 3... within a sequence page; a topic reset
/// starts a new, larger page, so (page, number) names one message for every subscriber (Momento's
/// <c>cachepubsub.proto</c>, <c>_TopicItem</c>).
/// </summary>
public readonly record struct TopicPosition(ulong Page, ulong Number)
{
    public override string ToString() => $"{Page}/{Number}";
}
