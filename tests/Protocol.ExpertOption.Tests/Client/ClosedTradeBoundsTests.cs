using Protocol.ExpertOption;
using Protocol.ExpertOption.Tests.EndToEnd;
using Protocol.ExpertOption.Wire.Trading;
using Protocol.Testing;
using Protocol.Trading.Trades;

namespace Protocol.ExpertOption.Tests.Client;

// The closed trades a client keeps are bounded (ExpertOptionOptions.ClosedTradeCapacity): a bot that trades for weeks does not
// grow its memory with every trade.
public sealed class ClosedTradeBoundsTests
{
    [Fact]
    public void Only_the_newest_closed_trades_are_kept_and_a_trade_reported_again_is_replaced_not_added()
    {
        var state = new ExpertOptionState(SimulatorFixture.Token, isDemo: true, closedTradeCapacity: 2);
        foreach (var id in new long[] { 1, 2, 3 })
        {
            state.ClosedTrades[id] = new TradeRow { Id = id, Status = 1 };
        }

        state.ClosedTrades.Count.ShouldBe(2);
        state.ClosedTrades.TryGetValue(1, out _).ShouldBeFalse("the oldest was dropped");
        state.ClosedTrades[2] = new TradeRow { Id = 2, Status = 2 };
        state.ClosedTrades.Count.ShouldBe(2);
        state.ClosedTrades.TryGetValue(3, out _).ShouldBeTrue("a trade reported again does not push another out");
        state.ClosedTrades.TryGetValue(2, out var replaced).ShouldBeTrue();
        replaced.Status.ShouldBe(2);
    }

    [Fact]
    public void The_default_keeps_a_thousand_and_less_than_one_is_refused_with_the_setting_named()
    {
        new ExpertOptionOptions().ClosedTradeCapacity.ShouldBe(1000);
        var error = Should.Throw<ArgumentOutOfRangeException>(() => ExpertOptionClient.Create(SimulatorFixture.Token, new ExpertOptionOptions { ClosedTradeCapacity = 0 }));
        error.ParamName.ShouldBe(nameof(ExpertOptionOptions.ClosedTradeCapacity));
    }

    [Fact]
    public async Task A_client_keeps_the_newest_results_of_its_settled_trades_up_to_its_capacity()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = ExpertOptionClient.Create(SimulatorFixture.Token, new ExpertOptionOptions { Endpoint = fx.Simulator.Endpoint, TimeProvider = fx.Clock, ClosedTradeCapacity = 2 });
        fx.Clients.Add(client);
        await client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        var trades = new List<ExpertOptionTrade>();
        for (var i = 0; i < 3; i++)
        {
            // One after the other, so they close in this order.
            var trade = await client.BuyAsync(142, 1, TimeSpan.FromSeconds(30)).WithSafetyNet(SafetyNet.NetworkLimit);
            var result = client.CheckResultAsync(trade);
            fx.Clock.Advance(TimeSpan.FromSeconds(30));
            (await result.WithSafetyNet(SafetyNet.NetworkLimit)).Outcome.ShouldBeOneOf(TradeOutcome.Win, TradeOutcome.Loss, TradeOutcome.Draw);
            trades.Add(trade);
        }

        client.State.ClosedTrades.Count.ShouldBe(2);
        client.State.ClosedTrades.TryGetValue(trades[0].Id, out _).ShouldBeFalse("the oldest result was dropped");
        (await client.CheckResultAsync(trades[1]).WithSafetyNet(SafetyNet.NetworkLimit)).Outcome.ShouldBeOneOf([TradeOutcome.Win, TradeOutcome.Loss, TradeOutcome.Draw], "a kept result is answered at once");
    }
}
