using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Connections;
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
    private readonly SimulatorConnection _connection;
    private readonly CancellationTokenSource _lifetime = new();
    private SimulatorAccount? _account;

    private SimulatorSession(PocketOptionSimulator simulator, SocketIOServerSocket socket, SimulatorConnection connection)
    {
        _simulator = simulator;
        _socket = socket;
        _connection = connection;
    }

    public static SimulatorConnection Attach(PocketOptionSimulator simulator, SocketIOServerSocket socket)
    {
        var connection = new SimulatorConnection(socket);
        socket.Items[PocketEmitter.ConnectionKey] = connection;
        var session = new SimulatorSession(simulator, socket, connection);
        session.On("auth", session.OnAuthAsync, loggedIn: false);
        session.On("ps", static _ => ValueTask.CompletedTask);
        session.On("getBalance", _ => simulator.Emit.SendAsync(socket, "successupdateBalance", PocketJson.Balance(session._account!)));
        session.On("assets/load", _ => session.SendAssetsAsync());

        // The rest of the web client's post-login burst: accepted, nothing to answer [simulator-defined].
        session.On("indicator/load", static _ => ValueTask.CompletedTask);
        session.On("favorite/load", static _ => ValueTask.CompletedTask);
        session.On("price-alert/load", static _ => ValueTask.CompletedTask);
        session.AttachStreams();
        session.AttachTrading();
        session.AttachPending();
        session.AttachDrift();
        socket.Disconnected += (s, _) => session.OnDisconnected();
        simulator.Register(connection);
        if (!socket.IsConnected)
        {
            simulator.Forget(connection); // it left while it was being set up
        }

        return connection;
    }

    // Every handler waits out the reply delay first (a slow server), then runs if the client is logged in (or need not be).
    private void On(string eventName, Func<SocketIOServerEvent, ValueTask> handler, bool loggedIn = true)
        => _socket.On(eventName, async e =>
        {
            var delay = _simulator.Emit.FaultsOf(_socket).ReplyDelay;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _simulator.TimeProvider, _lifetime.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return; // the client left while the reply waited
                }
            }

            if (!loggedIn || _account is not null)
            {
                await handler(e).ConfigureAwait(false);
            }
        });

    private async ValueTask OnAuthAsync(SocketIOServerEvent e)
    {
        if (_account is not null)
        {
            return; // a second auth on a logged-in socket changes nothing [simulator-defined]
        }

        if (_simulator.Emit.FaultsOf(_socket).DisconnectOnAuth)
        {
            await _socket.DisconnectAsync().ConfigureAwait(false); // the fault switch: a bare 41 during the login
            return;
        }

        if (!AuthRequest.TryParse(e.Arguments, out var auth) || !_simulator.Accepts(auth, _connection))
        {
            // What the platform does with a bad session (§1.2, issue #122): NotAuthorized, then a namespace DISCONNECT.
            await _socket.EmitAsync("NotAuthorized").ConfigureAwait(false);
            await _socket.DisconnectAsync().ConfigureAwait(false);
            return;
        }

        var account = _simulator.AccountFor(auth);
        _account = account;
        _connection.LoggedIn(auth.Uid, auth.IsDemo);
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

    private void OnDisconnected()
    {
        _account?.Detach(_socket);
        _lifetime.Cancel();
        DetachStreams();
        DetachDrift();
        _simulator.Forget(_connection);
        _connection.MarkClosed();
    }
}
