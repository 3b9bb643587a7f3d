using Protocol.PocketOption.Simulator.Market;

namespace Protocol.PocketOption.Simulator;

/// <summary>The settings of a <see cref="PocketOptionSimulator"/>. Every default is [simulator-defined] unless noted.</summary>
public sealed class PocketOptionSimulatorOptions
{
    /// <summary>
    /// The clock of the market, the stream timers, the settlements, and the Engine.IO pings unless
    /// <see cref="ConnectionTimeProvider"/> says otherwise. Tests give a <c>FakeTimeProvider</c>; a bot test may give an
    /// accelerated clock shared with its client. The system clock by default.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The clients' clock, for the connection's own timing: the pings every <see cref="PingInterval"/>, the pong and
    /// connect timeouts, the close and send-queue waits. Null (the default) uses <see cref="TimeProvider"/>. Set it when
    /// the market runs on an accelerated clock that the clients do not share (the standalone host with <c>--speed</c>):
    /// the handshake's <c>pingInterval</c>/<c>pingTimeout</c> and the pings then agree in the clients' real time.
    /// </summary>
    public TimeProvider? ConnectionTimeProvider { get; set; }

    /// <summary>Chooses the market: the same seed gives the same prices (see <see cref="PriceFeed"/>).</summary>
    public ulong Seed { get; set; } = 0x5EED_0F_70C0;

    /// <summary>The market's assets; <see cref="DefaultAssets.All"/> by default.</summary>
    public IReadOnlyList<SimulatedAsset> Assets { get; set; } = DefaultAssets.All;

    /// <summary>The balance a demo account starts with; 50,000 by default.</summary>
    public decimal DemoBalance { get; set; } = 50_000m;

    /// <summary>The balance a real account (one of <see cref="RealSessions"/>) starts with; 1,000 by default.</summary>
    public decimal RealBalance { get; set; } = 1_000m;

    /// <summary>
    /// The <c>session</c> values of <c>auth</c> frames accepted with <c>isDemo: 0</c>. Any other real session is answered
    /// with <c>NotAuthorized</c> then a namespace DISCONNECT, as the platform does. Empty by default. These are secrets of
    /// the test: the simulator never logs them.
    /// </summary>
    public ISet<string> RealSessions { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The port to listen on (127.0.0.1 only); 0, the default, takes a free port.</summary>
    public int Port { get; set; }

    /// <summary>The Engine.IO <c>pingInterval</c> (on the connection's clock, see <see cref="ConnectionTimeProvider"/>); 25 s by default, as socket.io's.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>The Engine.IO <c>pingTimeout</c> (on the connection's clock, see <see cref="ConnectionTimeProvider"/>); 20 s by default, as socket.io's.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a new connection may stay without joining <c>/</c> before it is closed (on the connection's clock);
    /// 45 s by default, as socket.io's.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>The <c>serverName</c> sent in <c>successauth</c>; <c>simulator</c> by default.</summary>
    public string ServerName { get; set; } = "simulator";

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(Assets, nameof(Assets));
        if (Assets.Count == 0)
        {
            throw new ArgumentException("The simulator needs at least one asset: leave Assets at DefaultAssets.All or list some.", nameof(Assets));
        }

        if (DemoBalance < 0 || RealBalance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DemoBalance), "DemoBalance and RealBalance must be 0 or more.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 (a free port) or 1..65535.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ServerName, nameof(ServerName));
    }
}
