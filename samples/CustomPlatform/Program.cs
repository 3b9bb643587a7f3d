// A made-up platform ("Acme", JSON-action envelope) declared only with Protocol.Core's public attributes, built against the packed
// Protocol.Core package. Exits non-zero if any generated piece misbehaves.
using System.Buffers;
using System.Text;
using Acme;
using Protocol.Attributes;
using Protocol.Messaging;

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
var view = new MessageView(MessageKind.Action, inbound, "quote"u8, default, MessageView.NoAckId, inbound);
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
catch (Protocol.Configuration.ConfigurationValidationException e)
{
    Check(e.Errors.Single().StartsWith("RetryCount", StringComparison.Ordinal), "validation names the field: " + e.Errors.Single());
}

try
{
    await AcmeClient.HangAsync();
    Check(false, "timeout");
}
catch (Protocol.Timeouts.OperationTimeoutException e)
{
    Check(e.Operation == "Hang", "timeout names the operation: " + e.Message);
}

return failures == 0 ? 0 : 1;

namespace Acme
{
    /// <summary>Order side, sent as a string.</summary>
    [WireEnum(WireEnumFormat.String)]
    public enum Side
    {
        /// <summary>Buy.</summary>
        Buy,

        /// <summary>Sell.</summary>
        Sell,
    }

    /// <summary>Subscribes to a symbol.</summary>
    [ProtocolMessage("subscribe")]
    public sealed partial class Subscribe
    {
        /// <summary>The symbol.</summary>
        public string Symbol { get; set; } = "";

        /// <summary>Candle period in seconds.</summary>
        public int Period { get; set; }

        /// <summary>The side.</summary>
        public Side Side { get; set; }
    }

    /// <summary>A quote.</summary>
    [ProtocolMessage("quote")]
    public sealed partial class Quote
    {
        /// <summary>The symbol.</summary>
        public string Symbol { get; set; } = "";

        /// <summary>Bid.</summary>
        public decimal Bid { get; set; }

        /// <summary>Ask.</summary>
        public decimal Ask { get; set; }
    }

    /// <summary>Acme's servers.</summary>
    [ProtocolRegions("regions.json")]
    public static partial class AcmeRegions;

    /// <summary>Client options.</summary>
    [ProtocolConfiguration]
    public sealed partial class AcmeOptions
    {
        /// <summary>Retries.</summary>
        [ConfigRange(0, 10)]
        public int RetryCount { get; set; } = 1;

        /// <summary>Timeout.</summary>
        [ConfigRange(1, 60)]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    }

    /// <summary>A client with a timed operation.</summary>
    public sealed partial class AcmeClient
    {
        [ProtocolTimeout(50)]
        private static async Task HangCoreAsync(CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
