using CourseComments.Comments;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static CourseComments.Tests.Delivery.DeliveryApp;

namespace CourseComments.Tests.Comments;

/// <summary>
/// <see cref="LateClaims"/> over the app's store (the emulator, through Momento.Sdk) with its own clock: a claim a
/// chain of tries wrote is settled only once the chain has ended, and released only when nothing was pushed under it.
/// </summary>
public sealed class LateClaimsTests
{
    private readonly FakeTimeProvider clock = new(TestApp.ClockStart);

    [Fact]
    public async Task A_chains_unanswered_claim_is_released_once_the_chain_ends_without_a_push()
    {
        await using var app = await TestApp.StartAsync();
        var (lateClaims, chain) = (LateClaimsOver(app), ClaimAttempt.Chain());
        Assert.True(await app.Store.SetIfNotExistsAsync("late-claim", chain.Value, TimeSpan.FromMinutes(5), default));

        lateClaims.Settle("late-claim", chain);
        clock.Advance(LateClaims.SettleDelay);
        await Task.Delay(300);
        var whileTrying = await app.Store.GetAsync("late-claim", default);
        chain.End();
        await EventuallyAsync(async () => await app.Store.GetAsync("late-claim", default) is null, "it is released");

        Assert.Equal(chain.Value, whileTrying);
    }

    [Fact]
    public async Task A_claim_a_later_try_pushed_under_is_kept()
    {
        await using var app = await TestApp.StartAsync();
        var (lateClaims, chain) = (LateClaimsOver(app), ClaimAttempt.Chain());
        Assert.True(await app.Store.SetIfNotExistsAsync("pushed-claim", chain.Value, TimeSpan.FromMinutes(5), default));

        lateClaims.Settle("pushed-claim", chain);
        clock.Advance(LateClaims.SettleDelay);
        chain.PushStarting(); // a later try took the claim over while the settle waited for the chain
        chain.End();
        await Task.Delay(300);

        Assert.Equal(chain.Value, await app.Store.GetAsync("pushed-claim", default));
    }

    private LateClaims LateClaimsOver(TestApp app) => new(app.Store, clock, NullLogger<LateClaims>.Instance);
}
