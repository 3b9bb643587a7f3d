using Protocol.PocketOption.Wire;

namespace Protocol.PocketOption.Market;

/// <summary>
/// Prices: an asset's ticks as a keyed stream (started on the server by <c>changeSymbol</c> then <c>subfor</c>, and again after
/// every reconnect; PocketOption has no stop message), the server's clock from the ticks' times, and history requests
/// (<c>loadHistoryPeriod</c>) correlated by their <c>index</c>.
/// </summary>
[ProtocolModule("pocketoption-market", typeof(PocketOptionState))]
public sealed partial class MarketModule
{
    /// <summary>The candle period sent with <c>changeSymbol</c> when a tick stream starts (the web client's default).</summary>
    public const int StreamPeriodSeconds = 60;

    // The server sends one tick per updateStream; were it ever to batch, the batch goes to its first asset's subscribers.
    [ModuleKeyedStream("Ticks")]
    private static string? TickAsset(UpdateStream stream) => stream.Ticks.Count > 0 ? stream.Ticks[0].Symbol : null;

    [ModuleStreamStart("Ticks")]
    private static ChangeSymbol Focus(string asset) => new() { Asset = asset, Period = StreamPeriodSeconds };

    [ModuleStreamStart("Ticks")]
    private static SubscribeFor Subscribe(string asset) => new() { Asset = asset };

    [ModuleHandler]
    private void OnTick(UpdateStream stream)
    {
        if (stream.Ticks.Count > 0 && PocketTime.TryToInstant(stream.Ticks[^1].Time, out var time))
        {
            Context.State.ServerTime.Update(time, Context.TimeProvider);
        }
    }

    [ModuleCommand]
    private static bool LoadHistory(LoadHistoryPeriod request, HistoryPeriod response) => response.Index == request.Index;

    // The history changeSymbol brings: a known message (the candle API asks loadHistoryPeriod instead).
    [ModuleHandler]
    private static void OnHistoryPushed(UpdateHistory history)
    {
    }
}
