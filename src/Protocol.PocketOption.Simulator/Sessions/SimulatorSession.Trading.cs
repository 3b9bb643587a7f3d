using Protocol.PocketOption.Simulator.Wire;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>The session's trading: <c>openOrder</c> answered with <c>successopenOrder</c> or <c>failopenOrder</c>.</summary>
internal sealed partial class SimulatorSession
{
    private void AttachTrading() => _socket.On("openOrder", e => WhenLoggedIn(() => OnOpenOrderAsync(e)));

    private async ValueTask OnOpenOrderAsync(SocketIOServerEvent e)
    {
        var account = _account!;
        var result = _simulator.Desk.Open(account, e.Arguments.Count > 0 ? e.Arguments[0] : default);
        if (result.Error is not null)
        {
            await PocketEmit.TwoStepAsync(_socket, "failopenOrder", result.FailJson!).ConfigureAwait(false);
            return;
        }

        await PocketEmit.TwoStepAsync(_socket, "successopenOrder", result.DealJson!).ConfigureAwait(false);

        // Every login of the account sees the open deals and the debit [simulator-defined].
        foreach (var socket in account.Sockets)
        {
            PocketEmit.Post(socket, "updateOpenedDeals", result.OpenedJson!);
            PocketEmit.Post(socket, "successupdateBalance", result.BalanceJson!);
        }
    }
}
