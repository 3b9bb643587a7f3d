using Protocol.PocketOption.Simulator.Faults;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Connections;

/// <summary>
/// One client's connection to the simulator (its socket on <c>/</c>), with its own fault switches and the faults that end
/// it. Get one from <see cref="PocketOptionSimulator.Connections"/> or <see cref="PocketOptionSimulator.ConnectionOpened"/>:
/// <code>
/// var connection = sim.Connections.Single();
/// connection.Faults.ReplyDelay = TimeSpan.FromSeconds(3); // this client only
/// connection.StopAnswering();                            // half-open: its watchdog must find it dead
/// </code>
/// </summary>
public sealed class SimulatorConnection
{
    private readonly SocketIOServerSocket _socket;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _uid;
    private int _login = -1;

    internal SimulatorConnection(SocketIOServerSocket socket) => _socket = socket;

    /// <summary>The socket id the client got in its CONNECT answer (<c>40{"sid":…}</c>).</summary>
    public string Id => _socket.Id;

    /// <summary>Whether the client is still connected (on <c>/</c>).</summary>
    public bool IsConnected => _socket.IsConnected;

    /// <summary>Completes when the client has left (whoever ended the connection); the simulator has forgotten it by then.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Whether the client logged in on this connection.</summary>
    public bool IsLoggedIn => Volatile.Read(ref _login) >= 0;

    /// <summary>Whether it logged in to a demo account; null before the login.</summary>
    public bool? IsDemo => Volatile.Read(ref _login) switch
    {
        < 0 => null,
        var demo => demo == 1,
    };

    /// <summary>The account's <c>uid</c> once logged in (null before). It identifies the account: never log it.</summary>
    public long? Uid => IsLoggedIn ? Volatile.Read(ref _uid) : null;

    /// <summary>Whether <see cref="StopAnswering"/> made the connection half-open.</summary>
    public bool IsAnswering => !_socket.IsSessionStalled;

    /// <summary>This connection's own switches (the simulator's <see cref="PocketOptionSimulator.Faults"/> apply too).</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Sends a namespace DISCONNECT (<c>41</c>, as the platform does on a revoked session); the connection stays open.</summary>
    /// <returns>A task that completes when the DISCONNECT is on the wire.</returns>
    public ValueTask DisconnectAsync() => _socket.DisconnectAsync();

    /// <summary>Closes the connection cleanly (<c>41</c>, then a WebSocket close frame), as a server restart does.</summary>
    /// <returns>A task that completes when the close has started.</returns>
    public ValueTask CloseAsync() => _socket.DisconnectAsync(closeSession: true);

    /// <summary>Drops the connection at once, without a close frame (a network failure as the client sees it).</summary>
    public void Abort() => _socket.AbortSession();

    /// <summary>
    /// Makes the connection half-open: the simulator sends nothing more on it (no pings, no answers, no ticks), acts on
    /// nothing the client sends and never times it out; when the client closes, it gets no answer. Only the client's own
    /// watchdog (no ping within pingInterval + pingTimeout) can find it dead. There is no way back.
    /// </summary>
    public void StopAnswering() => _socket.StallSession();

    /// <inheritdoc />
    public override string ToString() => $"simulator connection {Id}{(IsConnected ? "" : " (closed)")}{(IsAnswering ? "" : " (half-open)")}";

    internal void MarkClosed() => _closed.TrySetResult();

    internal void LoggedIn(long uid, bool isDemo)
    {
        Volatile.Write(ref _uid, uid);
        Volatile.Write(ref _login, isDemo ? 1 : 0);
    }
}
