namespace CourseComments.Comments;

/// <summary>
/// One message's chain of store tries (<see cref="CommentWriter.RecordOnceAsync"/>): the claim value they all write
/// (<see cref="LateClaims.NewValue"/>) and whether a push was sent under it. A try whose <c>SetIfNotExists</c> failed
/// or went unanswered may have left the claim written; a later try of the same chain recognises it by its value and
/// takes it over, unless a push was sent under it (its outcome unknown: never pushed twice). The webhook makes one
/// per request (<see cref="ClaimAttempt()"/>, a single try); a topic item one per item, shared by its retries
/// (<see cref="Chain"/>). Tries of one chain run one after another.
/// </summary>
public sealed class ClaimAttempt
{
    private readonly TaskCompletionSource? tries;
    private volatile bool claimUnanswered;
    private volatile bool pushSent;

    /// <summary>A single try, ended as soon as it returns (a webhook request: a redelivery is a new request).</summary>
    public ClaimAttempt()
    {
    }

    private ClaimAttempt(TaskCompletionSource tries) => this.tries = tries;

    /// <summary>The claim value of every try in this chain: unique to it.</summary>
    public string Value { get; } = LateClaims.NewValue();

    /// <summary>Whether a push was sent under this chain's claim (it may have landed, unless answered with an
    /// error).</summary>
    public bool PushSent => pushSent;

    /// <summary>Completes once the chain makes no more tries: <see cref="LateClaims"/> settles its claim only then,
    /// so it never releases a claim a later try is about to push under.</summary>
    internal Task Ended => tries?.Task ?? Task.CompletedTask;

    /// <summary>Whether a try's claim write failed or went unanswered: the claim may hold <see cref="Value"/> with
    /// nothing pushed under it.</summary>
    internal bool ClaimUnanswered => claimUnanswered;

    /// <summary>A chain of tries, ended by <see cref="End"/>.</summary>
    public static ClaimAttempt Chain() =>
        new(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The chain makes no more tries (a no-op for a single try).</summary>
    public void End() => tries?.TrySetResult();

    /// <summary>A try's claim write failed or went unanswered (it may have landed all the same).</summary>
    internal void ClaimFailed() => claimUnanswered = true;

    /// <summary>A push is about to be sent under the claim: no later try takes the claim over from now on.</summary>
    internal void PushStarting() => pushSent = true;
}
