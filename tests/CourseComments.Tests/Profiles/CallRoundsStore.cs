using CourseComments.Comments;

namespace CourseComments.Tests.Profiles;

/// <summary>
/// The app's real store (the Momento.Sdk adapter over the Momento emulator), recording each call with its round: one
/// more than the highest round among the calls that had finished when it started. Calls issued together share a
/// round; a call issued after awaiting another gets the next one, so the highest round is the number of sequential
/// round trips. The emulator answers within a millisecond, so the claim and the profile read each hold until the other
/// has started (or a second has passed), and the intake's count until the claim has: calls issued together are then
/// truly in flight together, as they would be against Momento.
/// </summary>
internal sealed class CallRoundsStore(ICommentStore inner) : ICommentStore
{
    public const string Claim = "SetIfNotExists webhook-event";
    public const string ProfileRead = "Get profile";

    private static readonly TimeSpan RendezvousLimit = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly List<(string Call, int Round)> calls = [];
    private int highestFinishedRound;
    private TaskCompletionSource? pushGate;
    private TaskCompletionSource claimStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource profileReadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The calls so far, in the order they started.</summary>
    public IReadOnlyList<(string Call, int Round)> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>The key of the latest claim (SetIfNotExists).</summary>
    public string? ClaimKey { get; private set; }

    /// <summary>Whether a claim waits (up to a second) for a profile read to start alongside it; false when the
    /// author's name is already in the app's memory, so no read comes.</summary>
    public bool ProfileReadExpected { get; set; } = true;

    /// <summary>Completed when a push has reached the gate <see cref="HoldPushes"/> set.</summary>
    public TaskCompletionSource PushHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds every push before it reaches the store until <see cref="ReleasePushes"/>.</summary>
    public void HoldPushes() => pushGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleasePushes() => pushGate?.TrySetResult();

    /// <summary>Forgets every call so far (the test's own set-up writes).</summary>
    public void Reset()
    {
        lock (gate)
        {
            calls.Clear();
            highestFinishedRound = 0;
            claimStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            profileReadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task<bool> SetIfNotExistsAsync(
        string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var round = Start($"SetIfNotExists {Prefix(key)}");
        ClaimKey = key;
        claimStarted.TrySetResult();
        if (ProfileReadExpected)
        {
            await MeetAsync(profileReadStarted.Task);
        }

        return Finish(round, await inner.SetIfNotExistsAsync(key, value, ttl, cancellationToken));
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var round = Start($"Get {Prefix(key)}");
        if (key.StartsWith("profile", StringComparison.Ordinal))
        {
            profileReadStarted.TrySetResult();
            await MeetAsync(claimStarted.Task);
        }

        return Finish(round, await inner.GetAsync(key, cancellationToken));
    }

    public async Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var round = Start($"Set {Prefix(key)}");
        await inner.SetAsync(key, value, ttl, cancellationToken);
        Finish(round, true);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var round = Start($"Delete {Prefix(key)}");
        await inner.DeleteAsync(key, cancellationToken);
        Finish(round, true);
    }

    public async Task ConcatenateFrontAsync(
        string listKey, IReadOnlyList<byte[]> values, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var round = Start("ListConcatenateFront");
        if (pushGate is { } gate)
        {
            PushHeld.TrySetResult();
            await gate.Task;
        }

        await inner.ConcatenateFrontAsync(listKey, values, maxLength, ttl, cancellationToken);
        Finish(round, true);
    }

    public async Task<long> IncrementAsync(string key, long amount, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var round = Start($"Increment {Prefix(key)}");
        await MeetAsync(claimStarted.Task); // the intake's count is issued alongside the claim too
        return Finish(round, await inner.IncrementAsync(key, amount, ttl, cancellationToken));
    }

    // Reads back are not part of the write path and are not recorded.
    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
        inner.FetchAsync(listKey, count, cancellationToken);

    private static string Prefix(string key) => key.Split(':', '#')[0];

    private static async Task MeetAsync(Task other)
    {
        try
        {
            await other.WaitAsync(RendezvousLimit);
        }
        catch (TimeoutException)
        {
            // The other call was not issued alongside this one: this one finishes first, and the round shows it.
        }
    }

    private int Start(string call)
    {
        lock (gate)
        {
            var round = highestFinishedRound + 1;
            calls.Add((call, round));
            return round;
        }
    }

    private T Finish<T>(int round, T result)
    {
        lock (gate)
        {
            highestFinishedRound = Math.Max(highestFinishedRound, round);
        }

        return result;
    }
}
