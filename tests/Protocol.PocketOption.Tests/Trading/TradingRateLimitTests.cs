using Protocol.PocketOption.Trading;
using Protocol.Testing;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>The default command rate limit AddPocketOptionTrading sets: a bot in a loop is slowed, not disconnected.</summary>
public sealed class TradingRateLimitTests
{
    [Fact]
    public async Task A_bot_placing_orders_in_a_loop_gets_10_out_at_once_then_5_per_second_and_stays_connected()
    {
        await using var h = new TradingHarness();
        var connection = await h.ConnectReadyAsync();

        var orders = Enumerable.Range(0, 16).Select(_ => h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1))).ToArray();
        for (var i = 0; i < 10; i++)
        {
            await connection.NextSentAsync();
        }

        connection.Sent.Count.ShouldBe(11, "the auth frame and a burst of 10 orders; 6 wait for tokens");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            await connection.NextSentAsync();
        }

        connection.Sent.Count.ShouldBe(16);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await connection.NextSentAsync();
        connection.Sent.Count(s => s.Text.StartsWith("42[\"openOrder\"", StringComparison.Ordinal)).ShouldBe(16);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
        orders.ShouldAllBe(o => !o.IsCompleted);
    }

    [Fact]
    public async Task The_default_is_documented_and_an_explicit_limit_is_kept()
    {
        var limit = PocketOptionTradingRegistration.DefaultCommandRateLimit();
        (limit.TokenLimit, limit.TokensPerPeriod, limit.ReplenishmentPeriod, limit.QueueLimit).ShouldBe((10, 5, TimeSpan.FromSeconds(1), 100));

        await using var h = new TradingHarness(configure: b => b.Configure(o => o.CommandRateLimit = new CommandRateLimitOptions { TokenLimit = 1, TokensPerPeriod = 1, QueueLimit = 0 }));
        var connection = await h.ConnectReadyAsync();
        _ = h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1));
        await connection.NextSentAsync();

        var refused = await Should.ThrowAsync<CommandRateLimitedException>(() => h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1)));
        refused.Message.ShouldContain("Nothing reached the platform");
        connection.Sent.Count.ShouldBe(2);
    }
}
