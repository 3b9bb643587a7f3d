// A made-up platform ("Acme", JSON-action envelope) declared only with Protocol.Core's public attributes, built against the packed
// Protocol.Core package. Exits non-zero if any generated piece misbehaves.
using System.Buffers;
using System.Text;
using Acme;
using Protocol;
using Protocol.JsonActions;

[assembly: ProtocolPlatform("Acme", Envelope = WireEnvelope.JsonAction, ActionProperty = "action", DataProperty = "data")]

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok   " : "FAIL ") + what);
    failures += ok ? 0 : 1;
}

var buffer = new ArrayBufferWriter<byte>();
new Subscribe { Symbol = "EURUSD", Period = 60, Side = Side.Sell }.WriteEnvelope(buffer);
var frame = Encoding.UTF8.GetString(buffer.WrittenSpan);
Check(frame == """{"action":"subscribe","data":{"symbol":"EURUSD","period":60,"side":"sell"}}""", "writer: " + frame);

var inbound = """{"action":"quote","data":{"symbol":"EURUSD","bid":"1.0832","ask":1.0834,"ignored":[1,2]}}"""u8;
var view = new MessageView(MessageKind.Action, inbound, "quote"u8, inbound);
Check(Quote.Matches(view) && !Subscribe.Matches(view), "rule matches the action");
Check(Quote.TryRead(view, out var quote) && quote.Bid == 1.0832m && quote.Ask == 1.0834m, "reader: numbers as strings or numbers");

Check(AcmeRegions.All.Count == 2 && AcmeRegions.DemoRegions.Single().Url == AcmeRegions.AcmeDemoUrl, "regions from the consumer's regions.json");

var config = AcmeOptions.FromJson("""{"retry_count": 3}""");
Check(config.RetryCount == 3 && config.Timeout == TimeSpan.FromSeconds(10), "configuration FromJson with defaults");
try
{
    AcmeOptions.CreateBuilder().WithRetryCount(-1).Build();
    Check(false, "validation");
}
catch (Protocol.ConfigurationValidationException e)
{
    Check(e.Errors.Single().StartsWith("RetryCount", StringComparison.Ordinal), "validation names the field: " + e.Errors.Single());
}

try
{
    await AcmeClient.HangAsync();
    Check(false, "timeout");
}
catch (Protocol.OperationTimeoutException e)
{
    Check(e.Operation == "Hang", "timeout names the operation: " + e.Message);
}

// The module, end to end: a client on the JSON WebSocket transport against the loopback Acme server.
await using (var server = AcmeServer.Start())
{
    var state = new AcmeState();
    await using var client = new ClientBuilder<AcmeState>(state)
        .UseConnection(JsonWebSocketConnection.Factory())
        .AddEndpoint(new ConnectionEndpoint(server.Url, "local"))
        .WithName("acme-demo")
        .WithPlatform("Acme")                      // metrics and spans carry both as tags
        .AddAcmeTradingModule()
        .Build();
    await client.ConnectAsync();
    await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
    var trading = client.GetApi<AcmeTradingApi>();

    var accepted = await trading.PlaceOrderAsync(new PlaceOrder { ClientId = "o-1", Symbol = "EURUSD", Amount = 10, Side = Side.Buy }, TimeSpan.FromSeconds(10));
    Check(accepted.OrderId == "A-1" && accepted.Price == 1.0832m, "module command answered: " + accepted.OrderId);
    try
    {
        await trading.PlaceOrderAsync(new PlaceOrder { ClientId = "o-2", Symbol = "EURUSD", Amount = 1_000, Side = Side.Sell }, TimeSpan.FromSeconds(10));
        Check(false, "module command failure");
    }
    catch (CommandRejectedException e)
    {
        Check(e.Reason == "insufficient funds" && e.Command == "PlaceOrder", "module command failure: " + e.Reason);
    }

    await using var quotes = await trading.SubscribeQuotesAsync("EURUSD"); // a keyed stream: sends the declared subscribe
    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
    var received = new List<Quote>();
    await foreach (var q in quotes.WithCancellation(wait.Token))
    {
        received.Add(q);
        if (received.Count == 2)
        {
            break;
        }
    }

    Check(received.Select(q => q.Bid).SequenceEqual([1.0831m, 1.0832m]) && state.LastBid == 1.0832m, "module stream and state handler");
}

return failures == 0 ? 0 : 1;

