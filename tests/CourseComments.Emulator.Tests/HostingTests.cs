using CourseComments.MomentoEmulator.Cache;
using CourseComments.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Momento.Sdk.Responses;
using static CourseComments.Emulator.Tests.EmulatorServer;

namespace CourseComments.Emulator.Tests;

/// <summary>What the emulator keeps and where it refuses to run: snapshot file, memory bound, Azure.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task The_snapshot_file_carries_caches_and_items_across_a_restart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.json");
        var settings = new Dictionary<string, string?> { ["SnapshotFile"] = file };
        try
        {
            await using (var first = await StartAsync(settings))
            {
                var cache = first.CacheClient();
                await cache.CreateCacheAsync("made-at-runtime");
                await cache.SetAsync("made-at-runtime", "k", "kept ✓");
                await cache.ListPushFrontAsync(Cache, "course-1", "a");
                await cache.ListPushFrontAsync(Cache, "course-1", "b");
            }

            Assert.True(File.Exists(file));
            await using var second = await StartAsync(settings);
            var restored = second.CacheClient();
            Assert.Equal("kept ✓", Assert.IsType<CacheGetResponse.Hit>(await restored.GetAsync("made-at-runtime",
                "k")).ValueString);
            Assert.Equal(["b", "a"], Assert.IsType<CacheListFetchResponse.Hit>(await restored.ListFetchAsync(Cache,
                "course-1")).ValueListString);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Beyond_MaxItems_the_item_closest_to_expiry_is_evicted()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["MaxItems"] = "3" });
        var cache = server.CacheClient();

        await cache.SetAsync(Cache, "soonest", "v", TimeSpan.FromMinutes(1));
        await cache.SetAsync(Cache, "later", "v", TimeSpan.FromMinutes(5));
        await cache.SetAsync(Cache, "latest", "v", TimeSpan.FromMinutes(9));
        await cache.SetAsync(Cache, "new", "v", TimeSpan.FromMinutes(7));

        Assert.IsType<CacheGetResponse.Miss>(await cache.GetAsync(Cache, "soonest"));
        foreach (var key in new[] { "later", "latest", "new" })
        {
            Assert.IsType<CacheGetResponse.Hit>(await cache.GetAsync(Cache, key));
        }

        Assert.Equal(3, server.Host.Services.GetRequiredService<CacheStore>().Usage().Items);
    }

    [Fact]
    public async Task It_refuses_to_start_in_Azure()
    {
        var azure = new AzurePlatform(name => name == "WEBSITE_INSTANCE_ID" ? "instance" : null);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => StartAsync(services: s => s.AddSingleton(azure)));

        Assert.Contains("cannot run in Azure", error.Message);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    public async Task It_binds_only_to_loopback(string host)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => StartAsync(new Dictionary<string, string?> { ["Host"] = host }));

        Assert.Contains("loopback", error.Message);
    }

    [Fact]
    public async Task A_webhook_url_without_a_signing_secret_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => StartAsync(new Dictionary<string, string?> { ["Webhook:Url"] = "http://127.0.0.1:9/webhook" }));

        Assert.Contains("SigningSecret", error.Message);
    }
}
