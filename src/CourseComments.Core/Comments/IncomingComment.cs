namespace CourseComments.Comments;

/// <summary>One published message as a delivery channel (the webhook or the topic subscription) hands it
/// over.</summary>
/// <param name="TokenId">The publisher's disposable-token id, as Momento reports it: the only author we trust.</param>
/// <param name="Text">The published message, verbatim.</param>
/// <param name="OnceKey">Identifies the message across deliveries and instances; the claim is stored under it.</param>
/// <param name="PublishedAt">When the message was published, or received when the channel does not say.</param>
public sealed record IncomingComment(string? TokenId, string Text, string OnceKey, DateTimeOffset PublishedAt);
