using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Trading;
using Protocol.PocketOption.Simulator.Wire;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>
/// One client of the simulator (one socket on <c>/</c>): the login of the notes' §1.2, then the events of §3.1. Events
/// other than <c>auth</c> before a successful login are ignored [simulator-defined].
/// </summary>
internal sealed partial class SimulatorSession
{
    private readonly PocketOptionSimulator _simulator;
    private readonly SocketIOServerSocket _socket;
    private SimulatorAccount? _account;

    private SimulatorSession(PocketOptionSimulator simulator, SocketIOServerSocket socket)
    {
        _simulator = simulator;
        _socket = socket;
    }

    public static void Attach(PocketOptionSimulator simulator, SocketIOServerSocket socket)
    {
        var session = new SimulatorSession(simulator, socket);
        socket.On("auth", session.OnAuthAsync);
        socket.On("ps", static _ => { });
        socket.On("getBalance", e => session.WhenLoggedIn(() => simulator.Emit.SendAsync(socket, "successupdateBalance", PocketJson.Balance(session._account!))));
        socket.On("assets/load", e => session.WhenLoggedIn(session.SendAssetsAsync));

        // The rest of the web client's post-login burst: accepted, nothing to answer [simulator-defined].
        socket.On("indicator/load", static _ => { });
        socket.On("favorite/load", static _ => { });
        socket.On("price-alert/load", static _ => { });
        session.AttachStreams();
        session.AttachTrading();
        session.AttachPending();
        socket.Disconnected += (s, _) => session.OnDisconnected();
    }

    private async ValueTask OnAuthAsync(SocketIOServerEvent e)
    {
        if (_account is not null)
        {
            return; // a second auth on a logged-in socket changes nothing [simulator-defined]
        }

        if (!AuthRequest.TryParse(e.Arguments, out var auth) || !_simulator.Accepts(auth))
        {
            // What the platform does with a bad session (§1.2, issue #122): NotAuthorized, then a namespace DISCONNECT.
            await _socket.EmitAsync("NotAuthorized").ConfigureAwait(false);
            await _socket.DisconnectAsync().ConfigureAwait(false);
            return;
        }

        var account = _simulator.AccountFor(auth);
        _account = account;
        account.Attach(_socket);
        await _simulator.Emit.SendAsync(_socket, "successauth", PocketJson.SuccessAuth(auth.IsDemo, _socket.Id, _simulator.Options.ServerName)).ConfigureAwait(false);
        await _simulator.Emit.SendAsync(_socket, "successupdateBalance", PocketJson.Balance(account)).ConfigureAwait(false);
        await SendAssetsAsync().ConfigureAwait(false);

        // The account's deals, so a client that logs in again learns what settled while it was away [simulator-defined].
        byte[] opened, closed;
        lock (account.Gate)
        {
            opened = DealJson.Deals(account.Opened);
            closed = DealJson.Deals(account.Closed.Take(TradingDesk.ClosedListed));
        }

        await _simulator.Emit.SendAsync(_socket, "updateOpenedDeals", opened).ConfigureAwait(false);
        await _simulator.Emit.SendAsync(_socket, "updateClosedDeals", closed).ConfigureAwait(false);
    }

    private ValueTask SendAssetsAsync()
        => _simulator.Emit.SendAsync(_socket, "updateAssets", PocketJson.Assets(_simulator.Feed.Assets, _simulator.TimeProvider.GetUtcNow()));

    private ValueTask WhenLoggedIn(Func<ValueTask> action) => _account is null ? ValueTask.CompletedTask : action();

    private void OnDisconnected()
    {
        _account?.Detach(_socket);
        DetachStreams();
    }
}
