using Protocol.ExpertOption.Wire;
using Protocol.ExpertOption.Wire.Assets;
using Protocol.ExpertOption.Wire.Candles;
using Protocol.ExpertOption.Wire.Errors;
using Protocol.ExpertOption.Wire.Heartbeat;
using Protocol.ExpertOption.Wire.Profile;
using Protocol.ExpertOption.Wire.Trading;

namespace Protocol.ExpertOption;

/// <summary>
/// The platform's requests (each answered by the reply that echoes its <c>ns</c>, or failed by the error frame that does), the
/// answer to the server's ping, the state updates and the candle push, keyed by asset.
/// </summary>
[ProtocolModule("expertoption", typeof(ExpertOptionState), Api = "ExpertOptionWireApi")]
public sealed partial class ExpertOptionModule
{
    // The runtime's keyed stream: an asset's first subscriber sends subscribeCandles when Ready, and after every login (the
    // first included) every asset still read is subscribed again before Ready; a subscribe while not Ready only records it.
    [ModuleKeyedStream("Candles")]
    private static int PushAsset(CandlesPush push) => push.Body.AssetId;

    // ExpertOption documents no unsubscribe, so the stream has no stop message. Built from the state each time it is sent, so
    // the replay after a login carries that session's token and the next ns.
    [ModuleStreamStart("Candles")]
    private static SubscribeCandlesRequest SubscribeCandles(int assetId, ExpertOptionState state)
        => new() { Body = { Assets = [new CandleSubscription { Id = assetId, Timeframes = [0] }] }, Token = state.Token, Ns = state.NextNs() };

    // Every push's newest tick keeps the server's clock (ExpertOptionState.ServerTime) current: a tick's time is the server's.
    [ModuleHandler]
    private void OnCandles(CandlesPush push)
    {
        var rows = push.Body.Candles;
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            if (rows[i].IsTick)
            {
                Context.State.ServerTime.Update(ExpertOptionClient.FromSeconds(rows[i].T), Context.TimeProvider);
                return;
            }
        }
    }

    [ModuleCommand]
    private static bool Profile(ProfileRequest request, ProfileReply reply) => WireNs.Answers(reply.Ns, request.Ns);

    [ModuleCommandFailure(nameof(Profile))]
    private static string? ProfileFailed(ProfileRequest request, ErrorFrame error) => error.Answers(request.Ns) ? error.Code : null;

    [ModuleCommand]
    private static bool Assets(AssetsRequest request, AssetsReply reply) => WireNs.Answers(reply.Ns, request.Ns);

    [ModuleCommandFailure(nameof(Assets))]
    private static string? AssetsFailed(AssetsRequest request, ErrorFrame error) => error.Answers(request.Ns) ? error.Code : null;

    [ModuleCommand]
    private static bool BuyOption(BuyOptionRequest request, BuyOptionReply reply) => WireNs.Is(reply.Ns, request.Ns);

    [ModuleCommandFailure(nameof(BuyOption))]
    private static string? BuyOptionFailed(BuyOptionRequest request, ErrorFrame error) => error.Answers(request.Ns) ? error.Code : null;

    [ModuleCommand]
    private static bool HistoryCandles(HistoryCandlesRequest request, HistoryCandlesReply reply) => WireNs.Answers(reply.Ns, request.Ns);

    [ModuleCommandFailure(nameof(HistoryCandles))]
    private static string? HistoryCandlesFailed(HistoryCandlesRequest request, ErrorFrame error) => error.Answers(request.Ns) ? error.Code : null;

    // Registered before the state is read (CheckResultAsync), so a close cannot slip in between.
    [ModuleWait]
    private static bool TradeClosed(long tradeId, TradesClosed closed) => closed.Body.Trades.Exists(t => t.Id == tradeId);

    [ModuleWait]
    private static bool TradeOpened(BuyFingerprint order, TradeOpened opened) => order.Matches(opened.Body.Trade);

    // Pushed or asked for, every profile carries both balances.
    [ModuleHandler]
    private void OnProfile(ProfileReply reply)
    {
        Context.State.SetBalances(reply.Body.Profile.DemoBalance, reply.Body.Profile.RealBalance);
    }

    [ModuleHandler]
    private void OnClosed(TradesClosed closed)
    {
        foreach (var trade in closed.Body.Trades)
        {
            Context.State.ClosedTrades[trade.Id] = trade;
        }
    }

    // The web app answers the server's ping with a pong echoing its data (captured); the reference client's rule never matched.
    [ModuleHandler]
    private async ValueTask OnPing(ServerPing ping, CancellationToken cancellationToken)
        => await Context.SendAsync(new Pong { Body = ping.Body, Token = Context.State.Token, Ns = Context.State.NextNs() }, cancellationToken).ConfigureAwait(false);
}
