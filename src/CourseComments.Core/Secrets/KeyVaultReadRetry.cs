using Polly;
using Polly.Retry;

namespace CourseComments.Secrets;

/// <summary>
/// How a failed read of the signing secrets is retried (Polly): after <see cref="KeyVaultOptions.RetryAfterFailure"/>,
/// doubled after each further failure up to <see cref="KeyVaultOptions.RefreshInterval"/>, until a read succeeds or
/// the app stops. No jitter: one instance reads one vault, and the waits are whole seconds apart already.
/// </summary>
internal static class KeyVaultReadRetry
{
    /// <param name="onFailure">Called with each failed read's exception and the wait before the next read.</param>
    public static ResiliencePipeline Build(
        TimeProvider time, CancellationToken stopping, Action<Exception, TimeSpan> onFailure) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !stopping.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = KeyVaultOptions.RetryAfterFailure,
                MaxDelay = KeyVaultOptions.RefreshInterval,
                OnRetry = args =>
                {
                    onFailure(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
