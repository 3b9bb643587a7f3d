using Protocol.PocketOption.Simulator.Wire;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>The session's trading: <c>openOrder</c> answered with <c>successopenOrder</c> or <c>failopenOrder</c>.</summary>
internal sealed partial class SimulatorSession
{
    private void AttachTrading() => On("openOrder", OnOpenOrderAsync);

    private async ValueTask OnOpenOrderAsync(SocketIOServerEvent e)
    {
        var account = _account!;
        var result = _simulator.Desk.Open(account, e.Arguments.Count > 0 ? e.Arguments[0] : default);
        if (result.Error is not null)
        {
            await _simulator.Emit.SendAsync(_socket, "failopenOrder", result.FailJson!).ConfigureAwait(false);
            return;
        }

        await _simulator.Emit.SendAsync(_socket, "successopenOrder", result.DealJson!).ConfigureAwait(false);

        // Every login of the account sees the open deals and the debit [simulator-defined].
        foreach (var socket in account.Sockets)
        {
            _simulator.Emit.Post(socket, "updateOpenedDeals", result.OpenedJson!);
            _simulator.Emit.Post(socket, "successupdateBalance", result.BalanceJson!);
        }
    }
}
