using Protocol.Testing;

namespace Protocol.ExpertOption.Tests.EndToEnd;

// A user who sets up streams and then connects gets candles: a stream created while not connected records its asset, and
// subscribeCandles goes out after the login, before Ready (the path a reconnect takes), once per session; closing the client
// ends such a stream with false.
public sealed class CandleStreamBeforeConnectTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_created_before_ConnectAsync_delivers_candles_after_it_and_is_subscribed_once_per_session(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = fx.Client();
        var candles = CandleStreamDisposeTests.Open(client, neutral);
        await using var reader = candles.GetAsyncEnumerator();
        var first = reader.MoveNextAsync().AsTask();
        client.ConnectionState.ShouldBe(ConnectionState.Disconnected);

        await client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        fx.Simulator.SubscribeCount(142).ShouldBe(1, "the recorded asset is subscribed on the first session, once");
        first.IsCompleted.ShouldBeFalse("no price was pushed yet");

        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        (await first.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue("the price pushed after the login is the stream's first candle");
        reader.Current.Close.ShouldBeGreaterThan(0m);

        await CandleStreamDisposeTests.ReconnectAsync(fx, client);
        fx.Simulator.SubscribeCount(142).ShouldBe(2, "subscribed again on the new session, once");
        var next = reader.MoveNextAsync().AsTask();
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        (await next.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue("the same enumeration goes on across the reconnect");
    }

    [Fact]
    public async Task Two_streams_of_one_asset_created_before_ConnectAsync_send_one_subscribe_and_both_get_candles()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = fx.Client();
        await using var a = client.SubscribeAsync(142, Protocol.Trading.Candles.SubscriptionMode.None).GetAsyncEnumerator();
        await using var b = client.SubscribeAsync(142, Protocol.Trading.Candles.SubscriptionMode.None).GetAsyncEnumerator();
        var nextA = a.MoveNextAsync().AsTask();
        var nextB = b.MoveNextAsync().AsTask();

        await client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        fx.Clock.Advance(TimeSpan.FromSeconds(1));

        (await nextA.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        (await nextB.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        a.Current.ShouldBe(b.Current);
        fx.Simulator.SubscribeCount(142).ShouldBe(1, "one subscribeCandles per asset and session");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_the_client_ends_a_pending_read_of_a_stream_created_before_ConnectAsync_with_false(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = fx.Client();
        await using var reader = CandleStreamDisposeTests.Open(client, neutral).GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();

        await client.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

        (await pending.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeFalse("a closed client ends its streams, without an exception");
        fx.Simulator.SubscribeCount(142).ShouldBe(0, "nothing is sent without a login");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_the_client_ends_a_pending_read_of_a_connected_stream_with_false(bool neutral)
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        await using var reader = CandleStreamDisposeTests.Open(client, neutral).GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);

        await client.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

        (await pending.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeFalse("a closed client ends its streams, without an exception");
    }
}
