using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Hostile;

/// <summary>
/// Thousands of seeded hostile requests against the real app over HTTP: none may get a 5xx or crash it, none may
/// reach the store, and each gets the documented 4xx with the reason code for what is wrong with it.
/// </summary>
public class HostileInputTests
{
    private const int Seed = 20250402;
    private const int RequestCount = 15_000;

    [Fact]
    public async Task Every_hostile_request_gets_its_documented_4xx_and_nothing_is_stored()
    {
        await using var app = await TestApp.StartAsync();
        // Every write call that reaches the Momento emulator is counted: a rejected request must cause none.
        var writes = 0;
        app.Faults.BeforeCall = (method, _) =>
        {
            if (method is "SetIfNotExists" or "Set" or "Delete" or "ListConcatenateFront" or "Increment")
            {
                Interlocked.Increment(ref writes);
            }

            return Task.CompletedTask;
        };
        var now = app.Clock.GetUtcNow();
        // Spoofing Momento's user agent must buy nothing: it is not an authentication signal.
        app.Client.DefaultRequestHeaders.UserAgent.ParseAdd(
            "Momento/1.0 (Webhooks; +https://docs.momentohq.com/topics/webhooks)");

        var requests = new HostileRequestGenerator(Seed, now, TestApp.Secret).Generate(RequestCount).ToArray();
        var mismatches = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, ct) =>
        {
            using var response = await app.Client.SendAsync(ToHttp(request), ct);
            var code = await response.ProblemCodeAsync();
            if ((int)response.StatusCode != request.ExpectedStatus || code != request.ExpectedCode)
            {
                mismatches.Enqueue($"{request} got {(int)response.StatusCode} {code}");
            }
        });

        Assert.True(
            mismatches.IsEmpty,
                $"seed {Seed}: {mismatches.Count} of {requests.Length} requests got another answer, e.g.\n"
                    + string.Join("\n", mismatches.Take(20)));
        Assert.Equal(0, Volatile.Read(ref writes));
        Assert.Equal(10, requests.Select(r => r.Category).Distinct().Count());

        // The app is still up and still accepts a genuine event: the rejections above were not a broken setup.
        using var health = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var accepted = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, "c1", "still here")));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["still here"], (await WebhookRequests.CommentsAsync(app.Client, "c1")).EnumerateArray()
            .Select(c => c.GetProperty("comment").GetString()));
    }

    [Fact]
    public void The_generator_is_reproducible()
    {
        var now = TestApp.ClockStart;
        var first = new HostileRequestGenerator(Seed, now, TestApp.Secret).Generate(200).ToArray();
        var second = new HostileRequestGenerator(Seed, now, TestApp.Secret).Generate(200).ToArray();

        Assert.All(first.Zip(second), pair =>
        {
            Assert.Equal(pair.First.Body, pair.Second.Body);
            Assert.Equal(pair.First.Signatures, pair.Second.Signatures);
            Assert.Equal(pair.First.ExpectedCode, pair.Second.ExpectedCode);
        });
    }

    private static HttpRequestMessage ToHttp(HostileRequest request)
    {
        HttpContent content = request.UnknownLength ? new UnknownLengthContent(request.Body)
            : new ByteArrayContent(request.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/webhook") { Content = content };
        if (request.Signatures.Count > 0)
        {
            message.Headers.TryAddWithoutValidation("momento-signature", request.Signatures);
        }

        return message;
    }

    /// <summary>A body sent without Content-Length, so the server can only find its size by reading it.</summary>
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
