using Protocol.Testing;
using Protocol.Trading.Tests.Contract;
using Protocol.Trading.Tests.Platforms;
using Protocol.Trading.Tests.Strategies;
using Protocol.Trading.Trades;

namespace Protocol.Trading.Tests.Driving;

// The clock driver of the strategy tests: a request late in real time must not be timed out by the fake clock moving meanwhile.
public sealed class DriveAsyncTests
{
    [Fact]
    public async Task The_clock_waits_for_an_order_whose_frame_is_late_in_real_time()
    {
        await using var platform = await PocketOptionPlatform.StartAsync(movingPrices: true);
        var fx = (PocketOptionPlatform)platform;
        await fx.Client.ConnectAsync().WithSafetyNet(PlatformFixture.Net);
        fx.OrderHold.Arm();

        var run = UpCandleStrategy.RunAsync(fx.Client, fx.TradeAssetId, 10m);
        await fx.WhenStreamingAsync(fx.TradeAssetId);
        var drive = fx.DriveAsync(run, TimeSpan.FromMinutes(10));

        // The order is tracked and its timeout armed on the fake clock; its frame waits, as if its thread waited for a CPU.
        await fx.OrderHold.Reached.WithSafetyNet(PlatformFixture.Net);
        var held = fx.Clock.GetUtcNow();

        // A driver that stepped on would reach this timer after the order's own timeout: the order would fail and so would the drive.
        using var late = fx.Clock.CreateTimer(_ => fx.OrderHold.Release(), null, PocketOptionPlatform.RequestTimeout, Timeout.InfiniteTimeSpan);
        var waiting = fx.Client.WhenIdleWaitedForAsync();
        if (await Task.WhenAny(waiting, drive).WithSafetyNet(PlatformFixture.Net) == drive)
        {
            await drive; // surfaces the order's failure
        }

        (fx.Clock.GetUtcNow() - held).ShouldBeLessThanOrEqualTo(fx.Step, "the clock stood still while the order was in flight (one step may have been under way)");
        fx.OrderHold.Release();
        var (_, trade, _) = await drive.WithSafetyNet(PlatformFixture.Net);
        (trade.Direction, trade.Amount).ShouldBe((TradeDirection.Buy, 10m));
    }
}
