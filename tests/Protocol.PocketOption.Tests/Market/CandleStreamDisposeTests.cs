using Protocol.PocketOption.Market;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Scripts;
using Protocol.Trading.Candles;
using Protocol.Trading.Clients;

namespace Protocol.PocketOption.Tests.Market;

// The candle streams are hand-written enumerators: disposing one during a pending read ends that read with false (an async
// iterator threw NotSupportedException) and releases the asset, so its next subscriber starts it on the server again; the
// neutral stream subscribes when called, so a tick before its first read is kept.
public sealed class CandleStreamDisposeTests
{
    private const string Start = """
        > 42["changeSymbol",{"asset":"AUDCAD_otc","period":60}]
        > 42["subfor","AUDCAD_otc"]
        """;

    public static TheoryData<string> Streams => ["subscription", "with-origin", "neutral"];

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Disposing_during_a_pending_read_ends_it_with_false_and_releases_the_asset(string stream)
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var reader = await OpenAsync(h, stream);
        await ScriptedExchange.Parse(Start).RunAsync(connection);
        var pending = reader.MoveNextAsync().AsTask();
        pending.IsCompleted.ShouldBeFalse();

        await reader.DisposeAsync().AsTask().WithSafetyNet();

        (await pending.WithSafetyNet()).ShouldBeFalse();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse("a disposed stream stays ended");

        // The asset had no subscriber left: the next one starts it again.
        await using var again = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
        await ScriptedExchange.Parse(Start).RunAsync(connection);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task An_error_inside_await_using_with_a_pending_read_is_the_error_the_caller_sees(string stream)
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        Task<bool>? pending = null;

        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var reader = await OpenAsync(h, stream);
            pending = reader.MoveNextAsync().AsTask();
            throw new InvalidOperationException("the real cause");
        });

        error.Message.ShouldBe("the real cause");
        (await pending.ShouldNotBeNull().WithSafetyNet()).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Cancelling_the_token_ends_a_pending_read_with_OperationCanceledException_and_releases_the_asset(string stream)
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        using var cancel = new CancellationTokenSource();
        await using var reader = await OpenAsync(h, stream, cancel.Token);
        await ScriptedExchange.Parse(Start).RunAsync(connection);
        var pending = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending.WithSafetyNet());
        await using var again = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
        await ScriptedExchange.Parse(Start).RunAsync(connection);
    }

    [Fact]
    public async Task The_neutral_stream_subscribes_when_called_and_keeps_a_tick_that_arrives_before_the_first_read()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var candles = ((ITradingClient)h.Client).SubscribeAsync("AUDCAD_otc", SubscriptionMode.None);

        // Started by the call alone: nothing has enumerated it yet.
        await ScriptedExchange.Parse(Start).RunAsync(connection);

        // A second subscriber that is read first, so the test knows the tick was handled before the stream's first read.
        await using var probe = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
        await using var probed = probe.GetAsyncEnumerator();
        connection.PushText("""42["updateStream",[["AUDCAD_otc",1770856131,1.1]]]""");
        (await probed.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();

        await using var reader = candles.GetAsyncEnumerator();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        reader.Current.ShouldBe(new Candle(DateTimeOffset.FromUnixTimeSeconds(1770856131), 1.1m, 1.1m, 1.1m, 1.1m));
    }

    [Fact]
    public async Task The_neutral_stream_is_enumerated_once_and_a_second_enumerator_leaves_the_first_alone()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var candles = ((ITradingClient)h.Client).SubscribeAsync("AUDCAD_otc", SubscriptionMode.None);
        await using var first = candles.GetAsyncEnumerator();
        await ScriptedExchange.Parse(Start).RunAsync(connection);

        await using (var second = candles.GetAsyncEnumerator())
        {
            (await Should.ThrowAsync<InvalidOperationException>(second.MoveNextAsync().AsTask().WithSafetyNet())).Message.ShouldContain("call SubscribeAsync again");
        }

        connection.PushText("""42["updateStream",[["AUDCAD_otc",1770856131,1.1]]]""");
        (await first.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        first.Current.Close.ShouldBe(1.1m);
    }

    // The stream under test, already subscribed (the candle subscription by its SubscribeAsync, the neutral one by its call).
    private static async Task<IAsyncEnumerator<Candle>> OpenAsync(FacadeHarness h, string stream, CancellationToken cancellationToken = default)
    {
        switch (stream)
        {
            case "subscription":
                return (await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet()).GetAsyncEnumerator(cancellationToken);
            case "with-origin":
                var subscription = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
                return new Projected(subscription.ReadWithOriginAsync(cancellationToken).GetAsyncEnumerator());
            default:
                return ((ITradingClient)h.Client).SubscribeAsync("AUDCAD_otc", SubscriptionMode.None, cancellationToken).GetAsyncEnumerator();
        }
    }

    // ReadWithOriginAsync's enumerator seen as candles, so one test body covers the three streams.
    private sealed class Projected(IAsyncEnumerator<SubscribedCandle> inner) : IAsyncEnumerator<Candle>
    {
        public Candle Current => inner.Current.Candle;

        public ValueTask<bool> MoveNextAsync() => inner.MoveNextAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
