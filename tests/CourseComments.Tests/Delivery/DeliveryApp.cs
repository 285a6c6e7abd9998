using System.Text.Json;
using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CourseComments.Tests.Delivery;

/// <summary>
/// One app instance in Subscription mode (real time, short lease and backoff settings) whose topic subscription is a
/// scripted <see cref="FakeTopic"/>; the store is the app's own emulator, reached through the Momento.Sdk adapter.
/// </summary>
internal static class DeliveryApp
{
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(3);

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Momento:Delivery"] = "Subscription" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The app (and its own emulator, which holds the store) with <paramref name="topic"/> as its
    /// subscription, a short lease and short waits; <paramref name="configure"/> changes those further, and
    /// <paramref name="configureServices"/> the app's services.</summary>
    public static Task<TestApp> StartAsync(
        ITopicSubscriber topic,
        FakeLogCollector? logs = null,
        IDictionary<string, string?>? settings = null,
        Action<DeliveryOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null) =>
        TestApp.StartAsync(Settings(settings), services =>
        {
            services.PostConfigure<DeliveryOptions>(options =>
            {
                options.LeaseTtl = LeaseTtl;
                options.ResubscribeDelay = TimeSpan.FromMilliseconds(20);
                options.MaxResubscribeDelay = TimeSpan.FromMilliseconds(200);
                options.StoreRetryDelay = TimeSpan.FromMilliseconds(5);
                configure?.Invoke(options);
            });
            services.AddSingleton(TimeProvider.System);
            services.Replace(ServiceDescriptor.Singleton(topic));
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
            }

            configureServices?.Invoke(services);
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

    public static Task EventuallyAsync(Func<bool> condition, string what) =>
        EventuallyAsync(() => Task.FromResult(condition()), what);

    public static string Comment(object courseId, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["courseId"] = courseId, ["comment"] = text });
}
