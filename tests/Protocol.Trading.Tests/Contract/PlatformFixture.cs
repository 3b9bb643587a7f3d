using System.Collections.Concurrent;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Trading.Candles;
using Protocol.Trading.Clients;
using Protocol.Trading.Tests.Driving;

namespace Protocol.Trading.Tests.Contract;

/// <summary>
/// One platform's simulator on 127.0.0.1 and its client, both on one fake clock, seen only through what the contract needs: the
/// client as an <see cref="ITradingClient"/>, the asset to trade, the simulator's prices, and ways to move the clock safely.
/// </summary>
public abstract class PlatformFixture : IAsyncDisposable
{
    /// <summary>The real-time bound on every wait of the contract.</summary>
    public static readonly TimeSpan Net = TimeSpan.FromSeconds(20);

    private readonly Lazy<RequestTrackingClient> _client;
    private readonly ConcurrentQueue<string> _transitions = new();

    /// <summary>Wraps the platform's client (created by the subclass) in the request tracking the clock driver needs.</summary>
    protected PlatformFixture()
    {
        _client = new Lazy<RequestTrackingClient>(() => new RequestTrackingClient(PlatformClient));
    }

    /// <summary>The client, known only by the interface, with its requests in flight counted (see <see cref="DriveAsync"/>).</summary>
    public RequestTrackingClient Client => _client.Value;

    /// <summary>
    /// The client's connection-state transitions so far, each with the clock's time, for a failure message: a wait that timed
    /// out after an unexpected reconnect says so.
    /// </summary>
    public string Transitions => _transitions.IsEmpty ? "no state change" : string.Join("; ", _transitions);

    /// <summary>Records a transition of the platform's client (its StateChanged handler).</summary>
    /// <param name="change">The transition.</param>
    protected void Record(ConnectionStateChangedEventArgs change)
        => _transitions.Enqueue($"{Clock.GetUtcNow():HH:mm:ss.fff} {change.Previous} -> {change.Current}{(change.Error is { } e ? " (" + e.Message + ")" : "")}");

    /// <summary>The platform's own client.</summary>
    protected abstract ITradingClient PlatformClient { get; }

    /// <summary>The clock of the simulator and the client.</summary>
    public abstract TimerCountingTimeProvider Clock { get; }

    /// <summary>The balance the simulator's account starts with.</summary>
    public abstract decimal StartBalance { get; }

    /// <summary>An active asset the contract trades and streams.</summary>
    public abstract string TradeAssetId { get; }

    /// <summary>An id no asset of the simulator has (in the platform's id format).</summary>
    public abstract string UnknownAssetId { get; }

    /// <summary>How far the clock moves per step: the trade asset's tick interval, so every tick is emitted as in real time.</summary>
    public abstract TimeSpan Step { get; }

    /// <summary>Waits until the simulator streams the asset to this client: its ticks reach the client from the next step on.</summary>
    /// <param name="assetId">The asset.</param>
    /// <returns>A task that completes when the subscription was handled by the simulator.</returns>
    public abstract Task WhenStreamingAsync(string assetId);

    /// <summary>The last tick the simulator emitted for the asset (time and price).</summary>
    /// <param name="assetId">The asset.</param>
    /// <returns>The tick.</returns>
    public abstract PriceTick LastTick(string assetId);

    /// <summary>Sets the price a trade opened now gets.</summary>
    /// <param name="assetId">The asset.</param>
    /// <param name="price">The price.</param>
    public abstract void SetOpenPrice(string assetId, decimal price);

    /// <summary>Sets the price a trade expiring at <paramref name="expiry"/> settles at (called after it opened).</summary>
    /// <param name="assetId">The asset.</param>
    /// <param name="price">The price.</param>
    /// <param name="expiry">The trade's expiry.</param>
    public abstract void SetClosePrice(string assetId, decimal price, DateTimeOffset expiry);

    /// <summary>Waits until the simulator handled everything the client sent so far, and the client everything the simulator sent before it.</summary>
    /// <returns>A task that completes after one round trip.</returns>
    public abstract Task SyncAsync();

    /// <summary>
    /// Moves the clock by <paramref name="total"/> in steps of <see cref="Step"/>, with a round trip after each, so the client
    /// and the simulator read what the other sent before time moves on, as they would in real time: a tight loop moved tens of
    /// seconds within a few real milliseconds, past the heartbeat and idle timeouts of both sides, while their frames were
    /// still on their way on a loaded machine.
    /// </summary>
    /// <param name="total">How far.</param>
    /// <returns>A task that completes when the clock has moved and the last step's round trip is done.</returns>
    public async Task AdvanceAsync(TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += Step)
        {
            Clock.Advance(Step);
            await SyncAsync();
        }
    }

    /// <summary>
    /// Moves the clock one step at a time, with a round trip after each, until <paramref name="work"/> completes (a strategy running
    /// on the client), at most <paramref name="limit"/> of simulated time. The clock moves only while no request of the work is in
    /// flight: the work waits for time (ticks, expiries), never a request for its reply.
    /// </summary>
    /// <param name="work">The work the clock drives.</param>
    /// <param name="limit">The most simulated time to give it.</param>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <returns>The work's result.</returns>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan limit)
    {
        for (var moved = TimeSpan.Zero; !work.IsCompleted && moved < limit; moved += Step)
        {
            await SyncAsync();

            // A request's timeout runs on this clock, and its reply can be late in real time (the request waited for a CPU on a
            // loaded machine before it reached the socket); stepping on would time it out after a few hundred real milliseconds.
            // A request that starts right after this check sees at most this one step.
            await Client.WhenIdleAsync().WithSafetyNet(Net, "the work's request in flight (DriveAsync moves the clock only when none is)");
            Clock.Advance(Step);
        }

        return await work.WithSafetyNet(Net);
    }

    /// <summary>Stops the client and the simulator.</summary>
    /// <returns>A task that completes when both are stopped.</returns>
    public abstract ValueTask DisposeAsync();
}
