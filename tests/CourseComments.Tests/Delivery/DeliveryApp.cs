using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Delivery;

/// <summary>
/// One app instance in Subscription mode (real time, short lease and backoff settings) over a given topic and store,
/// so several instances can share both as they share Momento in production.
/// </summary>
internal static class DeliveryApp
{
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(3);

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Momento:Delivery"] = "Subscription",
            ["Delivery:LeaseTtl"] = LeaseTtl.ToString(),
            ["Delivery:ResubscribeDelay"] = "00:00:00.020",
            ["Delivery:MaxResubscribeDelay"] = "00:00:00.200",
            ["Delivery:StoreRetryDelay"] = "00:00:00.005",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task<TestApp> StartAsync(
        ITopicSubscriber topic, ICommentStore store, CapturedLogs? logs = null, IDictionary<string, string?>? settings = null) =>
        TestApp.StartAsync(Settings(settings), services =>
        {
            services.AddSingleton(TimeProvider.System);
            services.Replace(ServiceDescriptor.Singleton(topic));
            services.Replace(ServiceDescriptor.Singleton(store));
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        });

    public static async Task<JsonElement> DeliveryHealthAsync(this TestApp app)
    {
        using var document = JsonDocument.Parse(await app.Client.GetStringAsync("/api/health"));
        return document.RootElement.GetProperty("delivery").Clone();
    }

    public static async Task<IReadOnlyList<StoredComment>> CommentsAsync(this ICommentStore store, string courseId)
    {
        var items = await store.FetchAsync(courseId, 100, default);
        return items.Select(item => JsonSerializer.Deserialize<StoredComment>(item)!).ToArray();
    }

    /// <summary>Waits (up to 10 s, real time) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    public static string Comment(object courseId, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["courseId"] = courseId, ["comment"] = text });
}

/// <summary>A shared store seen through one instance, with a switchable fault that runs before each call.</summary>
internal sealed class InstanceStore(ICommentStore shared) : ICommentStore
{
    public Func<string, CancellationToken, Task>? Fault { get; set; }

    public async Task<bool> SetIfNotExistsAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(nameof(SetIfNotExistsAsync), cancellationToken);
        return await shared.SetIfNotExistsAsync(key, value, ttl, cancellationToken);
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await InjectAsync(nameof(GetAsync), cancellationToken);
        return await shared.GetAsync(key, cancellationToken);
    }

    public async Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(nameof(SetAsync), cancellationToken);
        await shared.SetAsync(key, value, ttl, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await InjectAsync(nameof(DeleteAsync), cancellationToken);
        await shared.DeleteAsync(key, cancellationToken);
    }

    public async Task PushFrontAsync(string listKey, string value, int maxLength, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await InjectAsync(nameof(PushFrontAsync), cancellationToken);
        await shared.PushFrontAsync(listKey, value, maxLength, ttl, cancellationToken);
    }

    public Task<IReadOnlyList<string>> FetchAsync(string listKey, int count, CancellationToken cancellationToken) =>
        shared.FetchAsync(listKey, count, cancellationToken);

    private Task InjectAsync(string operation, CancellationToken cancellationToken) =>
        Fault?.Invoke(operation, cancellationToken) ?? Task.CompletedTask;
}
