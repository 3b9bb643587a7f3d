namespace Protocol.Trading.Capabilities;

/// <summary>
/// An operation of <see cref="Clients.ITradingClient"/>. <see cref="TradingCapabilities"/> says which ones a platform supports;
/// calling one it does not support fails with <see cref="NotSupportedByPlatformException"/> naming it.
/// </summary>
public enum TradingOperation
{
    /// <summary><see cref="Clients.ITradingClient.ConnectAsync"/>: log in and wait until the client is Ready.</summary>
    Connect,

    /// <summary><see cref="Clients.ITradingClient.GetBalanceAsync"/>: the balance of the account traded.</summary>
    Balance,

    /// <summary><see cref="Clients.ITradingClient.WatchBalanceAsync"/>: the balances the platform pushes as they change.</summary>
    BalanceUpdates,

    /// <summary><see cref="Clients.ITradingClient.GetAssetsAsync"/>: the assets with their payouts and expiries.</summary>
    Assets,

    /// <summary><see cref="Clients.ITradingClient.SubscribeAsync"/>: live candles in the modes of <see cref="TradingCapabilities.SubscriptionModes"/>.</summary>
    CandleStream,

    /// <summary><see cref="Clients.ITradingClient.GetCandlesAsync"/>: the last completed candles of a period.</summary>
    CandleHistory,

    /// <summary><see cref="Clients.ITradingClient.BuyAsync"/>: open a call.</summary>
    Buy,

    /// <summary><see cref="Clients.ITradingClient.SellAsync"/>: open a put.</summary>
    Sell,

    /// <summary><see cref="Clients.ITradingClient.CheckResultAsync"/>: wait for a trade's result.</summary>
    CheckResult,
}
