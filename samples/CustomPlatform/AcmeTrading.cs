using Protocol;
// A new API module for the made-up Acme platform: orders correlated by client id, rejections, a quote stream and a state update,
// declared with the attributes; the generator adds the plumbing, AcmeTradingApi and AddAcmeTradingModule().

namespace Acme
{
    /// <summary>What the client knows about the account.</summary>
    public sealed class AcmeState
    {
        /// <summary>The last bid seen on any quote.</summary>
        public decimal LastBid { get; set; }
    }

    /// <summary>Places an order; the server answers with <see cref="OrderAccepted"/> or <see cref="OrderRejected"/> echoing the client id.</summary>
    [ProtocolMessage("placeOrder")]
    public sealed partial class PlaceOrder
    {
        /// <summary>The client's id for the order.</summary>
        public string ClientId { get; set; } = "";

        /// <summary>The symbol.</summary>
        public string Symbol { get; set; } = "";

        /// <summary>The amount.</summary>
        public decimal Amount { get; set; }

        /// <summary>The side.</summary>
        public Side Side { get; set; }
    }

    /// <summary>The order was accepted.</summary>
    [ProtocolMessage("orderAccepted")]
    public sealed partial class OrderAccepted
    {
        /// <summary>The client's id for the order.</summary>
        public string ClientId { get; set; } = "";

        /// <summary>The platform's id.</summary>
        public string OrderId { get; set; } = "";

        /// <summary>The fill price (sent as a string).</summary>
        public decimal Price { get; set; }
    }

    /// <summary>The order was rejected.</summary>
    [ProtocolMessage("orderRejected")]
    public sealed partial class OrderRejected
    {
        /// <summary>The client's id for the order.</summary>
        public string ClientId { get; set; } = "";

        /// <summary>Why.</summary>
        public string Reason { get; set; } = "";
    }

    /// <summary>Orders and quotes.</summary>
    [ProtocolModule("acme-trading", typeof(AcmeState))]
    public sealed partial class AcmeTradingModule
    {
        // Quotes per symbol: API.SubscribeQuotesAsync("EURUSD") sends the subscribe on the symbol's first subscriber, and again
        // after every reconnect before Ready.
        [ModuleKeyedStream("Quotes")]
        private static string QuoteSymbol(Quote quote) => quote.Symbol;

        [ModuleStreamStart("Quotes")]
        private static Subscribe Watch(string symbol) => new() { Symbol = symbol, Period = 60 };

        [ModuleCommand]
        private static bool PlaceOrder(PlaceOrder request, OrderAccepted response) => response.ClientId == request.ClientId;

        [ModuleCommandFailure(nameof(PlaceOrder))]
        private static string? PlaceOrderRejected(PlaceOrder request, OrderRejected rejected) => rejected.ClientId == request.ClientId ? rejected.Reason : null;

        [ModuleHandler]
        private void OnQuote(Quote quote) => Context.State.LastBid = quote.Bid;
    }
}
