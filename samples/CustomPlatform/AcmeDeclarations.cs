using Protocol;
// The Acme platform's messages, regions, options and a timed operation, declared only with Protocol.Core's public attributes.

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
