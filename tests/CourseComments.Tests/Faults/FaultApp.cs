using System.Net;
using CourseComments.Comments;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Faults;

/// <summary>The shared test app (<see cref="TestApp"/>) with <see cref="StoreFaults"/> at its Momento emulator, and
/// helpers for many events at once.</summary>
internal static class FaultApp
{
    public static async Task<(TestApp App, StoreFaults Store)> StartAsync(
        Action<IServiceCollection>? configureServices = null)
    {
        var app = await TestApp.StartAsync(configureServices: configureServices);
        return (app, new StoreFaults(app.Faults));
    }

    /// <summary>Distinct signed events, one per course, so each course's list shows whether its event was
    /// stored.</summary>
    public static byte[][] DistinctEvents(TestApp app, int count, string prefix) =>
        Enumerable.Range(0, count)
            .Select(i => System.Text.Encoding.UTF8.GetBytes(
                WebhookRequests.Event(app.Clock, $"{prefix}-{i}", $"comment {i}", $"user-{i}").ToJsonString()))
            .ToArray();

    public static async Task<(HttpStatusCode Status, string? MediaType, string Body)[]> DeliverAllAsync(
        TestApp app, IEnumerable<byte[]> events) =>
        await Task.WhenAll(events.Select(async body =>
        {
            using var response = await app.Client.SendAsync(WebhookRequests.Signed(body));
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync());
        }));

    public static async Task<int> StoredCountAsync(TestApp app, string courseId) =>
        (await WebhookRequests.CommentsAsync(app.Client, courseId)).GetArrayLength();
}
