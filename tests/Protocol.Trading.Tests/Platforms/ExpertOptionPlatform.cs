using Protocol.ExpertOption;
using Protocol.ExpertOption.Simulator;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Trading.Candles;
using Protocol.Trading.Clients;
using Protocol.Trading.Tests.Contract;

namespace Protocol.Trading.Tests.Platforms;

/// <summary>The ExpertOption simulator and an <see cref="ExpertOptionClient"/> on the JSON-action transport, on one fake clock.</summary>
public sealed class ExpertOptionPlatform : PlatformFixture
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly ExpertOptionSimulator _simulator;
    private readonly ExpertOptionClient _client;

    private ExpertOptionPlatform(ExpertOptionSimulator simulator, TimerCountingTimeProvider clock)
    {
        _simulator = simulator;
        Clock = clock;
        _client = ExpertOptionClient.Create(Token, new ExpertOptionOptions { Endpoint = simulator.Endpoint, TimeProvider = clock });
        _client.StateChanged += (_, change) => Record(change);
    }

    /// <inheritdoc />
    protected override ITradingClient PlatformClient => _client;

    /// <inheritdoc />
    public override TimerCountingTimeProvider Clock { get; }

    /// <inheritdoc />
    public override decimal StartBalance => 10_000m;

    /// <inheritdoc />
    public override string TradeAssetId => "142";

    /// <inheritdoc />
    public override string UnknownAssetId => "999";

    /// <inheritdoc />
    public override TimeSpan Step => TimeSpan.FromMilliseconds(500);

    /// <summary>Starts the simulator (not the client).</summary>
    /// <param name="movingPrices">Prices move every step (the simulator's default); otherwise they stay as set, so a trade settles at the price set for its close.</param>
    /// <returns>The platform.</returns>
    public static async Task<PlatformFixture> StartAsync(bool movingPrices)
    {
        var clock = new TimerCountingTimeProvider(Start);
        var options = new ExpertOptionSimulatorOptions { TimeProvider = clock, DemoBalance = 10_000m, TickInterval = movingPrices ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromDays(1) };
        var simulator = await ExpertOptionSimulator.StartAsync(options).WithSafetyNet(Net);
        return new ExpertOptionPlatform(simulator, clock);
    }

    /// <inheritdoc />
    public override async Task WhenStreamingAsync(string assetId)
    {
        var id = int.Parse(assetId, System.Globalization.CultureInfo.InvariantCulture);
        await _simulator.WhenSubscribed(id).WithSafetyNet(Net);
    }

    /// <inheritdoc />
    public override PriceTick LastTick(string assetId) => _simulator.Feed.TickAt(Id(assetId), Clock.GetUtcNow());

    /// <inheritdoc />
    public override void SetOpenPrice(string assetId, decimal price) => _simulator.Feed.Script(Id(assetId), Clock.GetUtcNow(), price);

    /// <inheritdoc />
    public override void SetClosePrice(string assetId, decimal price, DateTimeOffset expiry) => _simulator.Feed.Script(Id(assetId), expiry, price);

    /// <inheritdoc />
    public override async Task SyncAsync() => await _client.GetBalanceAsync().WithSafetyNet(Net);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().AsTask().WithSafetyNet(Net);
        await _simulator.DisposeAsync().AsTask().WithSafetyNet(Net);
    }

    private static int Id(string assetId) => int.Parse(assetId, System.Globalization.CultureInfo.InvariantCulture);
}
