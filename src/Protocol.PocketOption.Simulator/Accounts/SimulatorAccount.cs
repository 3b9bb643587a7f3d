using System.Collections.Concurrent;
using Protocol.PocketOption.Simulator.Trading;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Accounts;

/// <summary>
/// One account of the simulator (a demo or a real account, keyed by <c>uid</c> and <c>isDemo</c>): its balance and the
/// sockets logged in to it now. Every change of the balance happens under <see cref="Gate"/>.
/// </summary>
internal sealed class SimulatorAccount
{
    private readonly ConcurrentDictionary<string, SocketIOServerSocket> _sockets = new(StringComparer.Ordinal);

    public SimulatorAccount(long uid, bool isDemo, decimal balance)
    {
        Uid = uid;
        IsDemo = isDemo;
        Balance = balance;
    }

    public long Uid { get; }

    public bool IsDemo { get; }

    /// <summary>Guards <see cref="Balance"/> and the account's deals: settlement timers and handlers run concurrently.</summary>
    public Lock Gate { get; } = new();

    public decimal Balance { get; set; }

    /// <summary>The open deals, oldest first (under <see cref="Gate"/>).</summary>
    public List<SimulatedDeal> Opened { get; } = [];

    /// <summary>The closed deals, newest first, at most <see cref="ClosedKept"/> (under <see cref="Gate"/>).</summary>
    public List<SimulatedDeal> Closed { get; } = [];

    /// <summary>How many closed deals an account keeps [simulator-defined].</summary>
    public const int ClosedKept = 1000;

    /// <summary>The sockets logged in to this account now (settlements reach every one of them).</summary>
    public IEnumerable<SocketIOServerSocket> Sockets => _sockets.Values;

    public void Attach(SocketIOServerSocket socket) => _sockets[socket.Id] = socket;

    public void Detach(SocketIOServerSocket socket) => _sockets.TryRemove(socket.Id, out _);
}
