using CourseComments.Comments;
using CourseComments.Delivery;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CourseComments.Tests.Delivery.DeliveryApp;

namespace CourseComments.Tests.Delivery;

/// <summary>Three instances over one topic and one store, as a scaled-out Function App runs.</summary>
public sealed class ScaleOutTests
{
    private readonly FakeTopic topic = new();
    private readonly InMemoryCommentStore store = new(TimeProvider.System);

    [Fact]
    public async Task At_most_two_subscribe_each_message_is_stored_once_and_a_cut_off_holder_is_replaced()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => new InstanceStore(store)).ToArray();
        var apps = new List<TestApp>();
        try
        {
            foreach (var instanceStore in stores)
            {
                apps.Add(await StartAsync(topic, instanceStore));
            }

            await EventuallyAsync(() => topic.LiveSubscriptions == 2, "two instances subscribed");
            for (var i = 0; i < 20; i++)
            {
                topic.Publish($"user-{i % 3}", Comment(1, $"comment {i}"));
            }

            await EventuallyAsync(async () => (await store.CommentsAsync("1")).Count == 20, "twenty comments are stored");
            var statuses = apps.Select(app => app.Services.GetRequiredService<DeliveryStatus>().Report()).ToArray();
            Assert.Equal(20, statuses.Sum(s => s.Stored));
            Assert.Equal(2, statuses.Count(s => s.LeaseHeld));

            // One holder loses the store (and so its lease): it must stop, and the standby must take over.
            var cut = Array.FindIndex(statuses, s => s.LeaseHeld);
            stores[cut].Fault = (_, _) => throw new CommentStoreException(StoreFailure.Unavailable, "cut off");
            var standby = Array.FindIndex(statuses, s => !s.LeaseHeld);
            var cutAt = DateTime.UtcNow;
            await EventuallyAsync(
                () => apps[standby].Services.GetRequiredService<DeliveryStatus>().Report().LeaseHeld, "the standby took over");

            Assert.InRange(DateTime.UtcNow - cutAt, TimeSpan.Zero, LeaseTtl + LeaseTtl / 3 + TimeSpan.FromSeconds(0.5));
            Assert.False(apps[cut].Services.GetRequiredService<DeliveryStatus>().Report().LeaseHeld);
            Assert.Equal(2, topic.MaxLiveSubscriptions);
            topic.Publish("user-0", Comment(1, "after the handover"));
            await EventuallyAsync(async () => (await store.CommentsAsync("1")).Count == 21, "the next comment is stored");
            await Task.Delay(200);
            Assert.Equal(21, (await store.CommentsAsync("1")).Count);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
