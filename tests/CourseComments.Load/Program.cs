using System.Globalization;
using System.Net.Http.Json;
using CourseComments.Load;

var options = LoadOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false };
using var client = new HttpClient(handler)
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromSeconds(30),
};
var runId = WebhookEvents.NewRunId();
var events = new WebhookEvents(runId, options.Events, options.Secret, TimeProvider.System);
var webhook = new Uri(options.Url, "/api/webhook");
var health = new Uri(options.Url, "/api/health");
var rate = options.Rate is { } r ? r.ToString(CultureInfo.InvariantCulture) + " req/s" : "unpaced";
Console.WriteLine(
    $"CourseComments load run {runId}: {options.Events} events and {options.Events} health checks, "
    + $"concurrency {options.Concurrency}, rate {rate}, against {options.Url} ({Environment.ProcessorCount} CPUs)");

HttpRequestMessage[] HealthChecks(int count) =>
    Enumerable.Range(0, count).Select(_ => new HttpRequestMessage(HttpMethod.Get, health)).ToArray();

if (options.Warmup > 0)
{
    // Warm-up events go to a course of their own that the check below ignores.
    var warmHealth = await LoadPhase.RunAsync(
        "warm-up health", client, HealthChecks(options.Warmup), options.Concurrency, null);
    var warmEvents = Enumerable.Range(options.Events, options.Warmup)
        .Select(i => events.Request(webhook, i, $"load-{runId}-warmup"))
        .ToArray();
    var warmWebhook = await LoadPhase.RunAsync("warm-up webhook", client, warmEvents, options.Concurrency, null);
    if (warmHealth.FailureCount + warmWebhook.FailureCount > 0)
    {
        var failures = warmHealth.Failures.Concat(warmWebhook.Failures).Select(f => $"{f.Key} x{f.Value}");
        Console.Error.WriteLine("Warm-up failed: " + string.Join(", ", failures));
        Console.Error.WriteLine("Is the dev server running at --url, with Webhook__SigningSecrets__0 set to --secret?");
        return 1;
    }
}

// Health and webhook batches alternate, so a change in the machine's load during the run weighs on both alike.
// A batch is signed just before it starts and lasts at most about 30 s, so its events stay well inside the
// webhook's 60 s freshness window.
const int MaxBatch = 5_000, MinBatches = 5;
var batchSize = (int)Math.Clamp(options.Rate is { } perSecond ? perSecond * 30 : MaxBatch, 1, MaxBatch);
var batches = Math.Max(MinBatches, (options.Events + batchSize - 1) / batchSize);
var healthBatches = new List<PhaseResult>();
var webhookBatches = new List<PhaseResult>();
for (var batch = 0; batch < batches; batch++)
{
    var first = (int)((long)options.Events * batch / batches);
    var count = (int)((long)options.Events * (batch + 1) / batches) - first;
    if (count == 0)
    {
        continue;
    }

    healthBatches.Add(await LoadPhase.RunAsync(
        "GET /api/health", client, HealthChecks(count), options.Concurrency, options.Rate));
    var signed = Enumerable.Range(first, count).Select(i => events.Request(webhook, i)).ToArray();
    webhookBatches.Add(await LoadPhase.RunAsync(
        "POST /api/webhook", client, signed, options.Concurrency, options.Rate));
}

var healthResult = PhaseResult.Combine(healthBatches);
var webhookResult = PhaseResult.Combine(webhookBatches);

Console.WriteLine($"{"",-18} {"requests",9} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"non-200",8}");
foreach (var phase in new[] { healthResult, webhookResult })
{
    Console.WriteLine(string.Format(
        CultureInfo.InvariantCulture,
        "{0,-18} {1,9} {2,9:F0} {3,8:F2} {4,8:F2} {5,8:F2} {6,8}",
        phase.Name,
        phase.Latencies.Length,
        phase.Throughput,
        phase.Percentile(0.50),
        phase.Percentile(0.99),
        phase.Percentile(1.0),
        phase.FailureCount));
    foreach (var (kind, n) in phase.Failures)
    {
        Console.WriteLine($"  {kind} x{n}");
    }
}

var throughputRatio = webhookResult.Throughput / healthResult.Throughput;
Console.WriteLine(
    string.Create(CultureInfo.InvariantCulture, $"webhook/health throughput ratio: {throughputRatio:F2}"));

// Read every course back: exactly the N comments sent, each once, each by its author.
var seen = new HashSet<string>(StringComparer.Ordinal);
int stored = 0, duplicates = 0, unexpected = 0;
var expected = Enumerable.Range(0, options.Events)
    .ToDictionary(events.Comment, WebhookEvents.UserId, StringComparer.Ordinal);
for (var course = 0; course < events.Courses; course++)
{
    CourseComments.Load.CourseComments? list;
    try
    {
        list = await client.GetFromJsonAsync(
            $"/api/courses/{events.CourseId(course)}/comments?limit={WebhookEvents.PerCourse}",
            LoadJsonContext.Default.CourseComments);
    }
    catch (HttpRequestException ex)
    {
        Console.Error.WriteLine($"Reading course {events.CourseId(course)} back failed: {ex.Message}");
        return 1;
    }

    foreach (var comment in list?.Comments ?? [])
    {
        stored++;
        if (!expected.TryGetValue(comment.Comment, out var author) || author != comment.UserId)
        {
            unexpected++;
        }
        else if (!seen.Add(comment.Comment))
        {
            duplicates++;
        }
    }
}

var missing = options.Events - seen.Count;
var verified = stored == options.Events && missing == 0 && duplicates == 0 && unexpected == 0;
Console.WriteLine(
    $"read back {events.Courses} courses: {stored} comments stored, {seen.Count} distinct of {options.Events} sent, "
    + $"{missing} missing, {duplicates} duplicates, {unexpected} unexpected: {(verified ? "OK" : "FAILED")}");
return verified && webhookResult.FailureCount == 0 && healthResult.FailureCount == 0 ? 0 : 1;
