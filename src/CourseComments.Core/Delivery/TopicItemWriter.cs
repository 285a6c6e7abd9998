using System.Text;
using System.Text.Unicode;
using CourseComments.Comments;
using CourseComments.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace CourseComments.Delivery;

/// <summary>
/// Stores one topic item's comment for <see cref="TopicRelay"/> through <see cref="CommentIntake"/>: its text as UTF-8
/// (a binary publish must be UTF-8 already, a text one well-formed Unicode), checked, then written once under a key
/// naming its topic position. There is no
/// redelivery in this mode, so a failed write is tried again a bounded number of times
/// (<see cref="TopicStoreRetries"/>) and each comment given up on is logged and counted.
/// </summary>
/// <param name="onceKeyPrefix">Names the cache and topic in each item's once-only key (the position follows).</param>
internal sealed class TopicItemWriter(
    CommentIntake intake,
    DeliveryStatus status,
    TimeProvider time,
    TimeSpan claimTtl,
    string onceKeyPrefix,
    ILogger logger)
{
    /// <summary>Stores the item's comment, or refuses it, or gives up on it; never throws.</summary>
    /// <param name="store">The store tries (<see cref="TopicStoreRetries"/>).</param>
    /// <param name="writes">Ends a write already started; cancelled only when the shutdown budget is spent.</param>
    public async Task WriteAsync(TopicItem item, ResiliencePipeline<IntakeResult> store, CancellationToken writes)
    {
        var position = item.Position;
        if (TextOf(item) is not { } text)
        {
            DeliveryLog.Refused(logger, position.ToString(), "not-text");
            status.Refused();
            return;
        }

        var onceKey = $"{onceKeyPrefix}{position.Page}:{position.Number}";
        if (!intake.TryCheck(item.TokenId, text, time.GetUtcNow(), out var comment, out var refusal))
        {
            DeliveryLog.Refused(logger, position.ToString(), refusal.Reason!);
            status.Refused();
            return;
        }

        var context = ResilienceContextPool.Shared.Get(writes);
        context.Properties.Set(TopicStoreRetries.CommentKey, (comment.CourseId, position));
        // One chain for every try of this item, so a claim a try wrote without an answer is the next try's own.
        var attempt = ClaimAttempt.Chain();
        context.Properties.Set(TopicStoreRetries.AttemptKey, attempt);
        try
        {
            var result = await store.ExecuteAsync(
                static async (context, state) => await state.intake.StoreAsync(
                    state.onceKey, state.comment, state.claimTtl, state.attempt, context.CancellationToken),
                context,
                (intake, onceKey, comment, claimTtl, attempt));
            if (result.Outcome == IntakeOutcome.Refused)
            {
                // Rate limited: the author's count is kept alongside the claim, so this refusal comes from the store.
                DeliveryLog.Refused(logger, position.ToString(), result.Reason!);
                status.Refused();
            }
            else if (result.Outcome == IntakeOutcome.InFlight && attempt.PushSent)
            {
                DeliveryLog.OutcomeUnknown(logger, comment.CourseId, position.ToString());
                status.Failed();
            }
            else if (result.Outcome == IntakeOutcome.InFlight)
            {
                DeliveryLog.LeftInFlight(logger, comment.CourseId, position.ToString());
            }
        }
        catch (Exception ex)
            when (ex is CommentStoreException or TimeoutRejectedException or OperationCanceledException)
        {
            DeliveryLog.GaveUp(logger, comment.CourseId, position.ToString(), TopicStoreRetries.Reason(ex), ex);
            status.Failed();
        }
        finally
        {
            attempt.End();
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <returns>The message's UTF-8, or null when it has none: a binary publish that is not UTF-8, or a text one
    /// holding a lone surrogate (which no UTF-8 can spell).</returns>
    private static byte[]? TextOf(TopicItem item)
    {
        if (item.Text is not null)
        {
            return UnicodeText.IsWellFormed(item.Text) ? Encoding.UTF8.GetBytes(item.Text) : null;
        }

        return item.Binary is not null && Utf8.IsValid(item.Binary) ? item.Binary : null;
    }
}
