namespace Protocol.PocketOption.Market;

/// <summary>
/// A subscription could not fetch the candles a reconnect hid from history (the request failed or timed out). The
/// enumeration ends with it rather than resuming live over a silent hole; subscribe again, or read the gap with
/// <c>GetCandlesAsync</c>.
/// </summary>
public sealed class CandleBackfillException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="asset">The subscription's asset.</param>
    /// <param name="from">The start of the first missing candle.</param>
    /// <param name="until">The end of the last missing candle.</param>
    /// <param name="innerException">Why the history request failed.</param>
    public CandleBackfillException(string asset, DateTimeOffset from, DateTimeOffset until, Exception innerException)
        : base($"The candles of {asset} between {from:u} and {until:u}, hidden by a reconnect, could not be fetched from history ({innerException.Message}). " +
               "The subscription ended rather than resume with a silent gap: subscribe again, or read the gap with GetCandlesAsync.", innerException)
    {
        Asset = asset;
        From = from;
        Until = until;
    }

    /// <summary>The subscription's asset.</summary>
    public string Asset { get; }

    /// <summary>The start of the first missing candle.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The end of the last missing candle (exclusive).</summary>
    public DateTimeOffset Until { get; }
}
