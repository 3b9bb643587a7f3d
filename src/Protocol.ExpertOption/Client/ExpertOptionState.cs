using Protocol.Trading.Time;

namespace Protocol.ExpertOption;

/// <summary>What an <see cref="ExpertOptionClient"/> knows about the account, updated on the receive path.</summary>
public sealed class ExpertOptionState
{
    private long _ns;
    private readonly Lock _gate = new();
    private decimal _demoBalance;
    private decimal _realBalance;

    internal ExpertOptionState(string token, bool isDemo, int closedTradeCapacity = ExpertOptionOptions.DefaultClosedTradeCapacity)
    {
        Token = token;
        IsDemo = isDemo;
        ClosedTrades = new ClosedTradeBook(closedTradeCapacity);
    }

    /// <summary>Whether the client trades the demo account.</summary>
    public bool IsDemo { get; }

    /// <summary>The demo balance from the last profile seen.</summary>
    public decimal DemoBalance { get { lock (_gate) { return _demoBalance; } } }

    /// <summary>The real balance from the last profile seen.</summary>
    public decimal RealBalance { get { lock (_gate) { return _realBalance; } } }

    /// <summary>The balance of the active context.</summary>
    public decimal Balance => IsDemo ? DemoBalance : RealBalance;

    /// <summary>The newest trades seen closing, by id (<see cref="ExpertOptionOptions.ClosedTradeCapacity"/> of them).</summary>
    internal ClosedTradeBook ClosedTrades { get; }

    // The server's clock from the ticks' times (any asset's), read when a candle stream resumes to tell the old session's ticks
    // from the new one's.
    internal ServerClock ServerTime { get; } = new();

    // Held here so the module's handlers (the pong) can sign their frames; never printed (the type has no ToString of its own).
    internal string Token { get; }

    internal void SetBalances(decimal demo, decimal real)
    {
        lock (_gate)
        {
            _demoBalance = demo;
            _realBalance = real;
        }
    }

    internal long NextNs() => Interlocked.Increment(ref _ns);
}
