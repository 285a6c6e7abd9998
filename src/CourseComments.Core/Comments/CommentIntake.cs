using System.Diagnostics.CodeAnalysis;
using CourseComments.Delivery;
using CourseComments.Text;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CourseComments.Comments;

/// <summary>
/// The one way a published comment enters the store, whichever channel delivered it (the webhook or the topic
/// subscription), so both apply the same rules. <see cref="TryCheck"/> needs no store: the author is the token id
/// alone, the text passes the comment rules (<see cref="CommentMessage"/>, <c>Webhook:MaxCommentLength</c>), the
/// author is not on <see cref="IntakeOptions.BlockedAuthors"/> and the course is on the optional
/// <see cref="IntakeOptions.AllowedCourses"/>. <see cref="StoreAsync"/> writes once per once-only key (each channel
/// names its own: it identifies the message across deliveries and instances) and, alongside the claim, counts the
/// comment against its author's fixed window, shared by every instance (<see cref="AuthorWindows"/>). Store failures
/// surface as <see cref="CommentStoreException"/>; the caller decides on retries. Stored comments and duplicates are
/// counted in <see cref="DeliveryStatus"/>; refusals are the caller's to count, once it has logged them (so health
/// never shows a refusal the log does not yet).
/// </summary>
public sealed class CommentIntake(
    CommentWriter writer,
    AuthorWindows authorWindows,
    DeliveryStatus status,
    IOptionsMonitor<IntakeOptions> options,
    IOptions<WebhookOptions> webhookOptions)
{
    public const int MaxTokenIdLength = 64;

    // The outcomes without details are shared: one result object per comment would be a tenth of its allocations.
    private static readonly IntakeResult StoredNow = new(IntakeOutcome.Stored);
    private static readonly IntakeResult StoredEarlier = new(IntakeOutcome.AlreadyStored);
    private static readonly IntakeResult BeingStored = new(IntakeOutcome.InFlight);

    private readonly int maxCommentLength = webhookOptions.Value.MaxCommentLength;

    /// <summary>Applies the rules that need no store, as currently configured.</summary>
    /// <param name="tokenId">The publisher's disposable-token id, as Momento reports it: the only author we
    /// trust.</param>
    /// <param name="text">The published message's UTF-8, verbatim (<see cref="CommentMessage"/>); only read during
    /// the call, so it may live in a pooled buffer.</param>
    /// <param name="publishedAt">When the message was published, or received when the channel does not say.</param>
    /// <returns>True with the comment to store, or false with the refusal.</returns>
    public bool TryCheck(
        string? tokenId,
        ReadOnlyMemory<byte> text,
        DateTimeOffset publishedAt,
        out CheckedComment comment,
        [NotNullWhen(false)] out IntakeResult? refusal)
    {
        comment = default;
        refusal = Check(tokenId, text, publishedAt, ref comment);
        return refusal is null;
    }

    /// <summary>Writes a checked comment once per <paramref name="onceKey"/>, counting it against its author. Safe to
    /// call again after a <see cref="CommentStoreException"/> (a failed write frees its claim). A call cancelled or
    /// timed out while the push was in flight keeps its claim until the push settles, since it may still land: a
    /// later call for the same key is answered <see cref="IntakeOutcome.InFlight"/> until then, so the comment is
    /// never stored twice (and when the push failed, the claim is freed for a redelivery).</summary>
    /// <param name="attempt">The message's chain of tries: one per webhook request; one per topic item, shared by
    /// its retries, so a claim an earlier try wrote without an answer (and pushed nothing under) is taken over
    /// (<see cref="CommentWriter.RecordOnceAsync"/>).</param>
    /// <exception cref="CommentStoreException">The store failed; nothing was stored by this call.</exception>
    public async ValueTask<IntakeResult> StoreAsync(
        string onceKey,
        CheckedComment comment,
        TimeSpan claimTtl,
        ClaimAttempt attempt,
        CancellationToken cancellationToken)
    {
        var counted = new AuthorCount(authorWindows, comment.UserId);
        var outcome = await writer.RecordOnceAsync(onceKey, comment, claimTtl, counted, attempt, cancellationToken);
        switch (outcome)
        {
            case RecordOutcome.Stored:
                status.Stored();
                return StoredNow;
            case RecordOutcome.AlreadyStored:
                status.Duplicate();
                return StoredEarlier;
            case RecordOutcome.Refused:
                return IntakeResult.Refuse(
                    StatusCodes.Status429TooManyRequests,
                    "author-rate-limited",
                    "The event's author has added too many comments recently.")
                    with { RetryAfter = counted.RetryAfter };
            default:
                return BeingStored;
        }
    }

    private IntakeResult? Check(
        string? tokenId, ReadOnlyMemory<byte> text, DateTimeOffset publishedAt, ref CheckedComment comment)
    {
        if (tokenId is not { Length: > 0 and <= MaxTokenIdLength } || !UnicodeText.IsPrintableId(tokenId))
        {
            return IntakeResult.Refuse(
                StatusCodes.Status400BadRequest,
                "invalid-token-id",
                "The event's token_id must identify the publisher: 1-64 characters of printable text.");
        }

        if (!CommentMessage.TryParse(text, maxCommentLength, out var message, out var problem))
        {
            return IntakeResult.Refuse(StatusCodes.Status400BadRequest, "invalid-comment", problem);
        }

        var settings = options.CurrentValue;
        if (settings.BlockedAuthors.Contains(tokenId, StringComparer.Ordinal))
        {
            return IntakeResult.Refuse(
                StatusCodes.Status403Forbidden, "author-blocked", "The event's author may not add comments.");
        }

        if (settings.AllowedCourses.Count > 0
            && !settings.AllowedCourses.Contains(message.CourseId, StringComparer.Ordinal))
        {
            return IntakeResult.Refuse(
                StatusCodes.Status400BadRequest,
                "unknown-course",
                "The event's courseId is not a course this app serves.");
        }

        comment = new CheckedComment(tokenId, message.Comment, message.CourseId, publishedAt);
        return null;
    }

    /// <summary>One comment counted against its author's window; given back when the comment is a copy.</summary>
    private sealed class AuthorCount(AuthorWindows windows, string authorId) : ICommentAdmission
    {
        private AuthorWindows.Slot slot;
        private int returned;

        /// <summary>For a refusal: how long until the author's next window.</summary>
        public TimeSpan RetryAfter => slot.RetryAfter;

        public async Task<bool> AdmitAsync(CancellationToken cancellationToken)
        {
            slot = await windows.TakeAsync(authorId, cancellationToken);
            return slot.Admitted;
        }

        public Task UndoAsync(CancellationToken cancellationToken)
        {
            // A slot is a value, copied as it is handed around: this holder gives it back once.
            if (Interlocked.Exchange(ref returned, 1) == 0)
            {
                slot.Return();
            }

            return Task.CompletedTask;
        }
    }
}
