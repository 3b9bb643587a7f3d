using System.Collections.Concurrent;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Subscriptions;

// Keyed subscriptions own their wire messages: the first subscriber of a key starts it on the server, the last one to
// leave stops it, and every reconnect replays the live keys after the login and before Ready.
public sealed class KeyedSubscriptionTests
{
    private const string Marker = """{"action":"marker"}""";

    [Fact]
    public async Task The_first_subscriber_of_a_key_sends_the_start_messages_in_order_once_and_a_second_sends_nothing()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var connection = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();

        await using var first = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        (await connection.NextSentAsync()).Text.ShouldBe(AssetAction.Text("changeSymbol", "EURUSD"));
        (await connection.NextSentAsync()).Text.ShouldBe(AssetAction.Text("subfor", "EURUSD"));

        await using var second = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        await h.Client.SendAsync(OutgoingMessage.Text(Marker)).WithSafetyNet();
        (await connection.NextSentAsync()).Text.ShouldBe(Marker);
        quotes.Quotes.KeyCount.ShouldBe(1);
        quotes.Quotes.CountFor("EURUSD").ShouldBe(2);
    }

    [Fact]
    public async Task Values_reach_only_the_subscribers_of_their_key_and_a_key_nobody_subscribed_to_is_dropped_silently()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var connection = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();
        var euro = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        var pound = await quotes.SubscribeQuotesAsync("GBPUSD").WithSafetyNet();

        PushQuote(connection, "EURUSD", 1);
        PushQuote(connection, "GBPUSD", 2);
        PushQuote(connection, "USDJPY", 3);
        PushQuote(connection, "EURUSD", 4);
        PushQuote(connection, "GBPUSD", 5);

        (await TakeAsync(euro, 2)).ShouldBe([1, 4]);
        (await TakeAsync(pound, 2)).ShouldBe([2, 5]);
        euro.DroppedCount.ShouldBe(0);
        pound.DroppedCount.ShouldBe(0);
        h.Client.Modules.Single(m => m.Name == "quotes").DroppedMessages.ShouldBe(0);
        h.Logs.All.ShouldNotContain(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Disposing_one_subscriber_leaves_the_other_and_the_last_one_leaving_sends_the_stop_message()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var connection = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();
        var leaving = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        var staying = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        (await connection.NextSentAsync()).Text.ShouldBe(AssetAction.Text("changeSymbol", "EURUSD"));
        (await connection.NextSentAsync()).Text.ShouldBe(AssetAction.Text("subfor", "EURUSD"));

        await leaving.DisposeAsync();
        leaving.IsActive.ShouldBeFalse();
        PushQuote(connection, "EURUSD", 7);
        var consumer = Task.Run(async () =>
        {
            // Breaking out of the enumeration is how a user unsubscribes.
            await foreach (var quote in staying)
            {
                return quote.Price;
            }

            return -1;
        });
        (await consumer.WithSafetyNet()).ShouldBe(7);
        (await connection.NextSentAsync()).Text.ShouldBe(AssetAction.Text("unsubfor", "EURUSD"));
        quotes.Quotes.KeyCount.ShouldBe(0);
        connection.Sent.Count(s => s.Text.Contains("unsubfor")).ShouldBe(1);
    }

    [Fact]
    public async Task A_resumed_handler_given_with_the_subscribe_is_attached_before_the_start_so_it_sees_a_resume_that_a_handler_added_later_misses()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var first = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();
        var seen = new ConcurrentQueue<(object? Sender, ConnectionState State)>();
        var subscription = await quotes.SubscribeQuotesAsync("EURUSD", new SubscriptionOptions { OnResumed = (sender, _) => seen.Enqueue((sender, h.Client.ConnectionState)) }).WithSafetyNet();
        subscription.Options.Policy.ShouldBe(SlowConsumerPolicy.DropOldest);
        (await first.NextSentAsync()).Text.ShouldBe(AssetAction.Text("changeSymbol", "EURUSD"));
        (await first.NextSentAsync()).Text.ShouldBe(AssetAction.Text("subfor", "EURUSD"));

        // The reconnect completes before the caller gets to attach anything: as if it had happened between the start and
        // a `subscription.Resumed += …` after the subscribe returned.
        first.Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        (await second.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        second.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);

        var late = 0;
        subscription.Resumed += (_, _) => Interlocked.Increment(ref late);
        subscription.ResumeCount.ShouldBe(1);
        seen.ShouldBe([(subscription, ConnectionState.Connected)]);
        late.ShouldBe(0);
    }

    [Fact]
    public async Task After_a_reconnect_the_start_messages_are_sent_again_after_the_login_and_before_Ready_and_the_enumeration_goes_on_with_the_resume_visible()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var first = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();
        var subscription = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        var resumed = new TaskCompletionSource<ConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription.Resumed += (_, _) => resumed.TrySetResult(h.Client.ConnectionState);
        var received = new ConcurrentQueue<int>();
        var consumer = Task.Run(async () =>
        {
            await foreach (var quote in subscription)
            {
                received.Enqueue(quote.Price);
                if (received.Count == 2)
                {
                    break;
                }
            }
        });
        (await first.NextSentAsync()).Text.ShouldBe(AssetAction.Text("changeSymbol", "EURUSD"));
        (await first.NextSentAsync()).Text.ShouldBe(AssetAction.Text("subfor", "EURUSD"));
        PushQuote(first, "EURUSD", 1);

        // Taken by the runner as it announces Ready; awaited (the recorder's handler runs first and may wake the test early).
        var sentWhenReady = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Ready)
            {
                sentWhenReady.TrySetResult([.. h.Transport.Current!.Sent.Select(s => s.Text)]);
            }
        };
        first.Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        (await second.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);

        // Never before the login succeeded.
        second.Sent.Count.ShouldBe(1);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Connected);
        second.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);
        (await resumed.Task.WithSafetyNet()).ShouldBe(ConnectionState.Connected);
        string[] replayed = [TestLogin.LoginFrame, AssetAction.Text("changeSymbol", "EURUSD"), AssetAction.Text("subfor", "EURUSD")];
        (await sentWhenReady.Task.WithSafetyNet()).ShouldBe(replayed);

        await h.Client.SendAsync(OutgoingMessage.Text(Marker)).WithSafetyNet();
        second.Sent.Select(s => s.Text).ShouldBe([.. replayed, Marker]);
        subscription.ResumeCount.ShouldBe(1);

        PushQuote(second, "EURUSD", 2);
        await consumer.WithSafetyNet();
        received.ShouldBe([1, 2]);
    }

    [Fact]
    public async Task A_subscribe_while_not_Ready_sends_nothing_and_the_key_is_started_after_the_login_before_the_on_Ready_hooks()
    {
        await using var h = new Harness(b => b
            .AddQuoteModule()
            .OnReady("burst", (ctx, ct) => ctx.SendAsync(OutgoingMessage.Text(Marker), ct)));
        var quotes = h.Client.GetApi<QuoteApi>();
        var subscription = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        subscription.IsActive.ShouldBeTrue();

        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.Sent.Count.ShouldBe(1);
        connection.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);

        connection.Sent.Select(s => s.Text).ShouldBe([TestLogin.LoginFrame, AssetAction.Text("changeSymbol", "EURUSD"), AssetAction.Text("subfor", "EURUSD"), Marker]);

        // The first start of a subscription is no resume: it never received anything before.
        subscription.ResumeCount.ShouldBe(0);
        PushQuote(connection, "EURUSD", 9);
        (await TakeAsync(subscription, 1)).ShouldBe([9]);
    }

    [Fact]
    public async Task Nothing_is_replayed_for_a_key_whose_subscribers_all_left_and_a_key_subscribed_while_reconnecting_is_started_with_the_others()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var first = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();
        await using var euro = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        var pound = await quotes.SubscribeQuotesAsync("GBPUSD").WithSafetyNet();
        await pound.DisposeAsync();
        for (var i = 0; i < 5; i++)
        {
            await first.NextSentAsync();
        }

        first.Sent.Last().Text.ShouldBe(AssetAction.Text("unsubfor", "GBPUSD"));
        first.Drop();
        var reconnecting = await h.States.NextAsync(ConnectionState.Reconnecting);
        await using var yen = await quotes.SubscribeQuotesAsync("USDJPY").WithSafetyNet();
        h.Time.Advance(reconnecting.Delay);
        var second = await h.AcceptNextLoginAsync();

        second.Sent.Select(s => s.Text).ShouldBe([
            TestLogin.LoginFrame,
            AssetAction.Text("changeSymbol", "EURUSD"), AssetAction.Text("subfor", "EURUSD"),
            AssetAction.Text("changeSymbol", "USDJPY"), AssetAction.Text("subfor", "USDJPY"),
        ]);
        euro.ResumeCount.ShouldBe(1);
        yen.ResumeCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_subscribe_as_the_connection_drops_is_kept_and_started_on_the_next_session()
    {
        await using var h = new Harness(b => b.AddQuoteModule());
        var first = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();

        // The drop is reported, but the runner has not ended the session yet: the start's send fails on a dead connection.
        first.Drop();
        var subscription = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        subscription.IsActive.ShouldBeTrue("a subscribe in the reconnect window waits for the next session, as one while not Ready does");
        quotes.Quotes.CountFor("EURUSD").ShouldBe(1);

        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        (await second.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        second.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);
        (await second.NextSentAsync()).Text.ShouldBe(AssetAction.Text("changeSymbol", "EURUSD"));
        (await second.NextSentAsync()).Text.ShouldBe(AssetAction.Text("subfor", "EURUSD"));

        PushQuote(second, "EURUSD", 3);
        await using var ticks = subscription.GetAsyncEnumerator();
        (await ticks.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        ticks.Current.Price.ShouldBe(3);
    }

    [Fact]
    public async Task A_start_that_cannot_be_sent_fails_the_subscribe_typed_and_removes_only_that_subscriber()
    {
        Harness? harness = null;
        await using var h = harness = new Harness(b => b
            .AddQuoteModule()
            .UseConnection(() => new SendFailingConnection(harness!.Transport.CreateConnection(), text => text.Contains("\"GBPUSD\""))));
        await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();

        var error = await Should.ThrowAsync<SubscriptionStartException>(quotes.SubscribeQuotesAsync("GBPUSD").WithSafetyNet());
        error.Message.ShouldContain("quotes.Quotes");
        error.Message.ShouldContain("GBPUSD");
        error.InnerException.ShouldBeOfType<ConnectionLostException>();
        quotes.Quotes.KeyCount.ShouldBe(0);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);

        await using var euro = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        quotes.Quotes.CountFor("EURUSD").ShouldBe(1);
    }

    [Fact]
    public async Task A_replay_that_cannot_send_fails_the_session_before_Ready_and_the_next_attempt_restores_the_key()
    {
        var refuse = 0;
        Harness? harness = null;
        await using var h = harness = new Harness(b => b
            .AddQuoteModule()
            .UseConnection(() => new SendFailingConnection(harness!.Transport.CreateConnection(), text => text.Contains("subfor") && Volatile.Read(ref refuse) == 1)));
        var first = await h.ConnectReadyAsync();
        var quotes = h.Client.GetApi<QuoteApi>();
        await using var euro = await quotes.SubscribeQuotesAsync("EURUSD").WithSafetyNet();
        Volatile.Write(ref refuse, 1);
        first.Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        (await second.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        second.PushText("""{"action":"loginOk"}""");

        var failed = await h.States.NextAsync(ConnectionState.Reconnecting);
        failed.Error.ShouldBeOfType<ConnectionFailedException>().Message.ShouldContain("Restoring the subscriptions of 'quotes.Quotes'");
        h.States.All.Count(e => e.Current == ConnectionState.Ready).ShouldBe(1);
        euro.IsActive.ShouldBeTrue();
        euro.ResumeCount.ShouldBe(0);

        Volatile.Write(ref refuse, 0);
        h.Time.Advance(failed.Delay);
        var third = await h.AcceptNextLoginAsync();
        third.Sent.Select(s => s.Text).ShouldBe([TestLogin.LoginFrame, AssetAction.Text("changeSymbol", "EURUSD"), AssetAction.Text("subfor", "EURUSD")]);
        euro.ResumeCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_start_message_factory_that_throws_ends_only_its_keys_subscriptions_typed_and_the_session_still_becomes_Ready()
    {
        await using var h = new Harness(b => b.AddModule(
            "broken",
            Validator.Custom(_ => false),
            commands => new KeyedSubscriptionSet<string, Quote>(
                commands,
                "Quotes",
                quote => quote.Asset,
                [asset => asset == "BAD" ? throw new InvalidOperationException("no such asset") : new AssetAction("changeSymbol", asset)]),
            (context, _) => new IdleModule(context)));
        var quotes = h.Client.GetApi<KeyedSubscriptionSet<string, Quote>>();
        var bad = await quotes.SubscribeAsync("BAD").WithSafetyNet();
        var good = await quotes.SubscribeAsync("GOOD").WithSafetyNet();

        var connection = await h.ConnectReadyAsync();
        connection.Sent.Select(s => s.Text).ShouldBe([TestLogin.LoginFrame, AssetAction.Text("changeSymbol", "GOOD")]);
        var ended = await Should.ThrowAsync<SubscriptionStartException>(TakeAsync(bad, 1));
        ended.Message.ShouldContain("broken.Quotes");
        ended.InnerException.ShouldBeOfType<InvalidOperationException>();
        bad.IsActive.ShouldBeFalse();
        good.IsActive.ShouldBeTrue();
        quotes.KeyCount.ShouldBe(1);
        (await h.Logs.WaitForAsync(e => e.Message.Contains("could not build the start messages"))).Exception.ShouldBeOfType<SubscriptionStartException>();

        // While Ready the same factory fails the subscribe itself.
        (await Should.ThrowAsync<SubscriptionStartException>(quotes.SubscribeAsync("BAD").WithSafetyNet())).Message.ShouldContain("Building start message #1");
        quotes.CountFor("BAD").ShouldBe(0);
    }

    private static void PushQuote(FakeConnection connection, string asset, int price)
        => connection.PushText($$"""{"action":"quote","asset":"{{asset}}","price":{{price}}}""");

    private static async Task<int[]> TakeAsync(Subscription<Quote> subscription, int count)
    {
        var items = new List<int>();
        var enumerator = subscription.GetAsyncEnumerator();
        while (items.Count < count && await enumerator.MoveNextAsync().AsTask().WithSafetyNet())
        {
            items.Add(enumerator.Current.Price);
        }

        return [.. items];
    }

    private sealed class IdleModule(Protocol.ModuleContext<TestState> context) : Protocol.ModuleBase<TestState>(context);
}
