using Protocol.Testing;
using Protocol.Trading.Candles;
using Protocol.Trading.Clients;

namespace Protocol.ExpertOption.Tests.EndToEnd;

// SubscribeAsync (own and neutral) returns a hand-written enumerator: the call subscribes, so a price before the first read
// is kept; disposing during a pending read ends it with false (an async iterator threw NotSupportedException) and drops the
// asset from what a reconnect subscribes again (ExpertOption has no unsubscribe).
public sealed class CandleStreamDisposeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_call_subscribes_and_a_price_that_arrives_before_the_first_read_is_kept(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        var candles = Open(client, neutral);

        // Subscribed by the call alone: nothing has enumerated it yet.
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);

        // A second stream read first, so the test knows the price was handled before the first stream's first read.
        await using var probe = client.SubscribeAsync(142, SubscriptionMode.None).GetAsyncEnumerator();
        var probed = probe.MoveNextAsync().AsTask();
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        (await probed.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();

        await using var reader = candles.GetAsyncEnumerator();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(probe.Current, "the price pushed before the first read is its first candle");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_during_a_pending_read_ends_it_with_false_and_a_reconnect_does_not_subscribe_the_asset_again(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        var reader = Open(client, neutral).GetAsyncEnumerator();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);
        var pending = reader.MoveNextAsync().AsTask();
        pending.IsCompleted.ShouldBeFalse();

        await reader.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

        (await pending.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeFalse();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeFalse("a disposed stream stays ended");
        await ReconnectAsync(fx, client);
        fx.Simulator.SubscribeCount(142).ShouldBe(1, "the released asset is not subscribed again after the reconnect");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_error_inside_await_using_with_a_pending_read_is_the_error_the_caller_sees(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        Task<bool>? pending = null;

        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var reader = Open(client, neutral).GetAsyncEnumerator();
            pending = reader.MoveNextAsync().AsTask();
            throw new InvalidOperationException("the real cause");
        });

        error.Message.ShouldBe("the real cause");
        (await pending.ShouldNotBeNull().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_the_token_ends_a_pending_read_with_OperationCanceledException_and_releases_the_asset(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        using var cancel = new CancellationTokenSource();
        await using var reader = Open(client, neutral, cancel.Token).GetAsyncEnumerator();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);
        var pending = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending.WithSafetyNet(SafetyNet.NetworkLimit));
        await ReconnectAsync(fx, client);
        fx.Simulator.SubscribeCount(142).ShouldBe(1, "the cancelled stream's asset is not subscribed again after the reconnect");
    }

    [Fact]
    public async Task A_stream_is_enumerated_once_and_a_second_enumerator_leaves_the_first_subscribed()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        var candles = client.SubscribeAsync(142, SubscriptionMode.None);

        // The first session's subscribe has landed before the server closes it (else it is lost with that session).
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);
        await using var first = candles.GetAsyncEnumerator();
        await using (var second = candles.GetAsyncEnumerator())
        {
            (await Should.ThrowAsync<InvalidOperationException>(second.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit))).Message.ShouldContain("call SubscribeAsync again");
        }

        await ReconnectAsync(fx, client);
        fx.Simulator.SubscribeCount(142).ShouldBe(2, "the first stream still holds the asset");
    }

    internal static IAsyncEnumerable<Candle> Open(ExpertOptionClient client, bool neutral, CancellationToken cancellationToken = default)
        => neutral
            ? ((ITradingClient)client).SubscribeAsync("142", SubscriptionMode.None, cancellationToken)
            : client.SubscribeAsync(142, SubscriptionMode.None, cancellationToken);

    // The server closes the session; the client reconnects on the fake clock, and a request answered on the new session
    // proves that whatever the client re-sent before Ready has reached the simulator.
    internal static async Task ReconnectAsync(SimulatorFixture fx, ExpertOptionClient client)
    {
        await fx.ReconnectAsync(client);
        await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit);
    }
}
