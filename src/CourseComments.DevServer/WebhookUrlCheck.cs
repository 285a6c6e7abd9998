using Polly;
using Polly.Retry;

namespace CourseComments.DevServer;

/// <summary>Whether a configured webhook URL answers at all: any HTTP answer counts; only a refused or timed-out
/// connection does not.</summary>
internal static class WebhookUrlCheck
{
    // Five looks a second apart (each up to 2 s): another host started alongside has time to start listening.
    private static readonly ResiliencePipeline<bool> LookAgain = new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is false),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.FromSeconds(1),
        })
        .Build();

    public static async Task<bool> AnswersAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        return await LookAgain.ExecuteAsync(async ct =>
        {
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        });
    }
}
