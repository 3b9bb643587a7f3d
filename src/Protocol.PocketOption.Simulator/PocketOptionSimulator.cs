using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Connections;
using Protocol.PocketOption.Simulator.Faults;
using Protocol.PocketOption.Simulator.Market;
using Protocol.PocketOption.Simulator.Sessions;
using Protocol.PocketOption.Simulator.Trading;
using Protocol.PocketOption.Simulator.Wire;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator;

/// <summary>
/// A local PocketOption-compatible server: Kestrel on 127.0.0.1 serving the platform's Socket.IO endpoint, its login,
/// streams and trading on a deterministic market. Embed it in tests or in a bot under development:
/// <code>
/// await using var sim = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock });
/// // connect a client to sim.Endpoint (ws://127.0.0.1:port/socket.io/?EIO=4&amp;transport=websocket)
/// </code>
/// </summary>
public sealed class PocketOptionSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SocketIOServer _server;
    private readonly ConcurrentDictionary<(long Uid, bool IsDemo), SimulatorAccount> _accounts = new();
    private readonly ConcurrentDictionary<string, SimulatorConnection> _connections = new(StringComparer.Ordinal);
    private int _disposed;

    private PocketOptionSimulator(PocketOptionSimulatorOptions options, PriceFeed feed, WebApplication app, SocketIOServer server)
    {
        Options = options;
        Feed = feed;
        _app = app;
        _server = server;
        Emit = new PocketEmitter(Faults);
        Desk = new TradingDesk(feed, options.TimeProvider, Emit);
    }

    /// <summary>The settings it runs with.</summary>
    public PocketOptionSimulatorOptions Options { get; }

    /// <summary>The market: tests read prices from it and force them with <see cref="PriceFeed.Script"/>.</summary>
    public PriceFeed Feed { get; }

    /// <summary>The address a client connects to: <c>ws://127.0.0.1:port/socket.io/?EIO=4&amp;transport=websocket</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The clock of the market and of every timer.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>
    /// Switches that make the simulator misbehave as the platform sometimes does, for every connection (all off by
    /// default). Each connection has its own too (<see cref="SimulatorConnection.Faults"/>).
    /// </summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>The clients connected now (joined <c>/</c>, logged in or not), each with its fault switches.</summary>
    public IReadOnlyCollection<SimulatorConnection> Connections => [.. _connections.Values.Where(c => c.IsConnected)];

    /// <summary>
    /// Raised when a client joins <c>/</c>, before it logs in, on the simulator's network thread: a test or a hardening
    /// run sets the connection's faults here (e.g. drop every second connection). Keep the handler short.
    /// </summary>
    public event Action<SimulatorConnection>? ConnectionOpened;

    /// <summary>How many orders wait for their expiry.</summary>
    public int OpenOrderCount => Desk.OpenCount;

    /// <summary>How many pending orders wait for their trigger (time or price).</summary>
    public int PendingOrderCount => Desk.PendingCount;

    /// <summary>How many Engine.IO sessions are open now.</summary>
    public int SessionCount => _server.SessionCount;

    /// <summary>Starts the simulator on 127.0.0.1 (a free port unless <see cref="PocketOptionSimulatorOptions.Port"/> says otherwise).</summary>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting for Kestrel to start.</param>
    /// <returns>The running simulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is not valid (the message names it).</exception>
    public static async Task<PocketOptionSimulator> StartAsync(PocketOptionSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PocketOptionSimulatorOptions();
        options.Validate();
        var feed = new PriceFeed(options.Assets, options.Seed);
        var server = new SocketIOServer(new SocketIOServerOptions
        {
            TimeProvider = options.TimeProvider,
            ConnectionTimeProvider = options.ConnectionTimeProvider,
            PingInterval = options.PingInterval,
            PingTimeout = options.PingTimeout,
            ConnectTimeout = options.ConnectTimeout,
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapSocketIO("/socket.io/", server);

        var simulator = new PocketOptionSimulator(options, feed, app, server);
        server.Of("/").OnConnection(socket => { SimulatorSession.Attach(simulator, socket); });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            simulator.Endpoint = new Uri($"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket");
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes every session, stops every timer and Kestrel.</summary>
    /// <returns>A task that completes when everything is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Desk.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal TradingDesk Desk { get; }

    internal PocketEmitter Emit { get; }

    /// <summary>The account an accepted login uses, created on first login with the configured balance.</summary>
    internal SimulatorAccount AccountFor(AuthRequest auth)
        => _accounts.GetOrAdd((auth.Uid, auth.IsDemo), static (key, options) => new SimulatorAccount(key.Uid, key.IsDemo, key.IsDemo ? options.DemoBalance : options.RealBalance), Options);

    /// <summary>
    /// Disconnects every client: a namespace DISCONNECT (<c>41</c>, as the platform sends on a revoked session), or with
    /// <paramref name="closeSession"/> a close of the whole connection (a server restart). Their accounts and open orders
    /// stay; the orders settle on time.
    /// </summary>
    /// <param name="closeSession">Close the connections instead of leaving them open without a namespace.</param>
    /// <returns>A task that completes when every disconnect is on the wire.</returns>
    public async Task DisconnectAllAsync(bool closeSession = false)
    {
        foreach (var socket in _server.Of("/").Sockets)
        {
            await socket.DisconnectAsync(closeSession).ConfigureAwait(false);
        }
    }

    /// <summary>Drops every connection at once, without a close frame (a network failure as the clients see it).</summary>
    public void AbortAll()
    {
        foreach (var connection in Connections)
        {
            connection.Abort();
        }
    }

    /// <summary>Makes every connection half-open (see <see cref="SimulatorConnection.StopAnswering"/>); new ones are not affected.</summary>
    public void StopAnsweringAll()
    {
        foreach (var connection in Connections)
        {
            connection.StopAnswering();
        }
    }

    /// <summary>Whether the platform would accept this login: any demo session, or a configured real one.</summary>
    internal bool Accepts(AuthRequest auth, SimulatorConnection connection)
        => !SimulatorFaults.Combine(Faults, connection.Faults).RejectAuth && (auth.IsDemo || Options.RealSessions.Contains(auth.Session));

    internal void Register(SimulatorConnection connection)
    {
        _connections[connection.Id] = connection;
        ConnectionOpened?.Invoke(connection);
    }

    internal void Forget(SimulatorConnection connection) => _connections.TryRemove(new KeyValuePair<string, SimulatorConnection>(connection.Id, connection));
}
