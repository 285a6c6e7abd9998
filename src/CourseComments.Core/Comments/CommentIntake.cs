using System.Diagnostics.CodeAnalysis;
using CourseComments.Delivery;
using CourseComments.Webhooks;
using Microsoft.Extensions.Options;

namespace CourseComments.Comments;

/// <summary>One published message as a delivery channel (the webhook or the topic subscription) hands it
/// over.</summary>
/// <param name="TokenId">The publisher's disposable-token id, as Momento reports it: the only author we trust.</param>
/// <param name="Text">The published message, verbatim.</param>
/// <param name="OnceKey">Identifies the message across deliveries and instances; the claim is stored under it.</param>
/// <param name="PublishedAt">When the message was published, or received when the channel does not say.</param>
public sealed record IncomingComment(string? TokenId, string Text, string OnceKey, DateTimeOffset PublishedAt);

public enum IntakeOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>Stored earlier by another delivery of the same message.</summary>
    AlreadyStored,

    /// <summary>Another delivery of the same message is being stored right now; it is not stored yet.</summary>
    InFlight,

    /// <summary>Not acceptable; <see cref="IntakeResult.Reason"/> and <see cref="IntakeResult.Problem"/> say
    /// why.</summary>
    Refused,
}

/// <param name="Reason">A stable reason code for logs and problem types, e.g. <c>invalid-token-id</c>.</param>
/// <param name="Problem">What is wrong, worded for the publisher; never the message text.</param>
/// <param name="CourseId">The course the comment is for, once the text has been read.</param>
public sealed record IntakeResult(
    IntakeOutcome Outcome, string? CourseId = null, string? Reason = null, string? Problem = null)
{
    public static IntakeResult Refuse(string reason, string problem) =>
        new(IntakeOutcome.Refused, Reason: reason, Problem: problem);
}

/// <summary>
/// The one way a published comment enters the store, whichever channel delivered it: the author is the token id
/// alone, the text passes the comment rules (<see cref="CommentMessage"/>, <c>Webhook:MaxCommentLength</c>), and the
/// write happens once per <see cref="IncomingComment.OnceKey"/>. Checks every channel shares (limits, deny lists)
/// belong here. Store failures surface as <see cref="CommentStoreException"/>; the caller decides on retries.
/// </summary>
public sealed class CommentIntake(CommentWriter writer, DeliveryStatus status, IOptions<WebhookOptions> webhookOptions)
{
    public const int MaxTokenIdLength = 64;

    private readonly int maxCommentLength = webhookOptions.Value.MaxCommentLength;

    /// <summary>Checks and stores one message (<see cref="TryCheck"/>, then <see cref="StoreAsync"/>).</summary>
    public async Task<IntakeResult> AcceptAsync(
        IncomingComment incoming, TimeSpan claimTtl, CancellationToken cancellationToken) =>
        TryCheck(incoming, out var comment, out var refusal)
            ? await StoreAsync(incoming.OnceKey, comment, claimTtl, cancellationToken)
            : refusal;

    /// <summary>Applies the rules without touching the store; a refusal is counted in <see
    /// cref="DeliveryStatus"/>.</summary>
    /// <returns>True with the comment to store, or false with the refusal.</returns>
    public bool TryCheck(
        IncomingComment incoming,
        [NotNullWhen(true)] out StoredComment? comment,
        [NotNullWhen(false)] out IntakeResult? refusal)
    {
        comment = null;
        refusal = Check(incoming, ref comment);
        if (refusal is not null)
        {
            status.Refused();
        }

        return refusal is null;
    }

    /// <summary>Writes a checked comment once per <paramref name="onceKey"/>. Safe to call again after a failure:
    /// a failed write frees its claim. A call cancelled or timed out while the push was in flight may still store the
    /// comment, so a retry after one can, rarely, store it twice.</summary>
    /// <exception cref="CommentStoreException">The store failed; nothing was stored by this call.</exception>
    public async Task<IntakeResult> StoreAsync(
        string onceKey, StoredComment comment, TimeSpan claimTtl, CancellationToken cancellationToken)
    {
        var outcome = await writer.RecordOnceAsync(onceKey, comment, claimTtl, cancellationToken) switch
        {
            RecordOutcome.Stored => IntakeOutcome.Stored,
            RecordOutcome.AlreadyStored => IntakeOutcome.AlreadyStored,
            _ => IntakeOutcome.InFlight,
        };
        if (outcome == IntakeOutcome.Stored)
        {
            status.Stored();
        }
        else if (outcome == IntakeOutcome.AlreadyStored)
        {
            status.Duplicate();
        }

        return new IntakeResult(outcome, comment.CourseId);
    }

    private IntakeResult? Check(IncomingComment incoming, ref StoredComment? comment)
    {
        if (incoming.TokenId is not { Length: > 0 and <= MaxTokenIdLength } tokenId)
        {
            return IntakeResult.Refuse(
                "invalid-token-id", "The event's token_id must identify the publisher (1-64 characters).");
        }

        if (!CommentMessage.TryParse(incoming.Text, maxCommentLength, out var message, out var problem))
        {
            return IntakeResult.Refuse("invalid-comment", problem);
        }

        comment = new StoredComment(tokenId, message.Comment, message.CourseId, incoming.PublishedAt);
        return null;
    }
}
