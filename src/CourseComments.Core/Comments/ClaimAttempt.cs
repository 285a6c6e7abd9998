namespace CourseComments.Comments;

/// <summary>
/// One message's chain of store tries (<see cref="CommentWriter.RecordOnceAsync"/>): the claim value they all write
/// (<see cref="LateClaims.NewValue"/>) and whether a push was sent under it. A try whose <c>SetIfNotExists</c> failed
/// or went unanswered may have left the claim written; a later try of the same chain recognises it by its value and
/// takes it over, unless a push was sent under it (its outcome unknown: never pushed twice). The webhook uses one
/// per request; a topic item one per item, across its retries (<c>TopicItemWriter</c>). Tries of one chain run one
/// after another.
/// </summary>
public sealed class ClaimAttempt
{
    private const int Open = 0;
    private const int Pushed = 1;
    private const int Retired = 2;

    private int state;
    private volatile bool claimUnanswered;

    /// <summary>The claim value of every try in this chain: unique to it.</summary>
    public string Value { get; } = LateClaims.NewValue();

    /// <summary>Whether a push was sent under this chain's claim (it may have landed, even if it failed since).</summary>
    public bool PushSent => Volatile.Read(ref state) == Pushed;

    /// <summary>Whether a try's claim write failed or went unanswered: the claim may hold <see cref="Value"/> with
    /// nothing pushed under it.</summary>
    internal bool ClaimUnanswered => claimUnanswered;

    /// <summary>A try's claim write failed or went unanswered (it may have landed all the same).</summary>
    internal void ClaimFailed() => claimUnanswered = true;

    /// <summary>Marks a push as sent, before it is sent; false once <see cref="LateClaims"/> retired the chain (it
    /// is releasing the claim, so nothing may be pushed under it).</summary>
    internal bool TryStartPush() => Interlocked.CompareExchange(ref state, Pushed, Open) != Retired;

    /// <summary>For <see cref="LateClaims"/>: ends the chain so its claim may be released; false when a push was sent
    /// under it (a later try took the claim over, and the push's own settling decides).</summary>
    internal bool TryRetire() => Interlocked.CompareExchange(ref state, Retired, Open) != Pushed;
}
