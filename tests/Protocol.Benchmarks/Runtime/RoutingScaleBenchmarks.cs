using BenchmarkDotNet.Attributes;
using Protocol.Testing.Connections;

namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// Issue #9, "Measured": routing cost as modules are added. Two clients on fake Socket.IO transports, one with only
/// <see cref="Route12Module"/>, one with all twelve <c>RouteNNModule</c>s (RoutingScaleDeclarations.cs: each reads 2 distinct wire
/// names, 24 message types). Both receive the same text frame <c>42["route12a",{"value":7}]</c>, which exactly one module
/// (<see cref="Route12Module"/>, registered last) reads, measured per message from the pushed frame to that module's stream
/// (<c>SubscribeA()</c>, read by a concurrent consumer). Baseline: the 1-module client. Target: 12 modules within 10 % of 1.
/// Run: <c>dotnet run -c Release --project tests/Protocol.Benchmarks -- --filter '*RoutingScale*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RoutingScaleBenchmarks
{
    /// <summary>Messages per invocation; the module inbox and the subscription (Wait policy) hold them all, so none is dropped.</summary>
    private const int Messages = 4096;

    private static readonly byte[] Frame = """42["route12a",{"value":7}]"""u8.ToArray();
    private static readonly Func<Route12A, long> Measure = static m => m.Value;

    private Client<BenchClientState> _one = null!;
    private FakeConnection _oneConnection = null!;
    private IAsyncEnumerator<Route12A> _oneStream = null!;
    private Client<BenchClientState> _twelve = null!;
    private FakeConnection _twelveConnection = null!;
    private IAsyncEnumerator<Route12A> _twelveStream = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_one, _oneConnection) = BenchClients.Start(static b => b.AddRoute12Module(), Messages);
        (_twelve, _twelveConnection) = BenchClients.Start(
            static b => b
                .AddRoute01Module().AddRoute02Module().AddRoute03Module().AddRoute04Module()
                .AddRoute05Module().AddRoute06Module().AddRoute07Module().AddRoute08Module()
                .AddRoute09Module().AddRoute10Module().AddRoute11Module().AddRoute12Module(),
            Messages);
        var options = new SubscriptionOptions { Capacity = Messages, Policy = SlowConsumerPolicy.Wait };
        _oneStream = _one.GetApi<Route12Api>().SubscribeA(options).GetAsyncEnumerator();
        _twelveStream = _twelve.GetApi<Route12Api>().SubscribeA(options).GetAsyncEnumerator();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ConsumerWaits.Report(nameof(RoutingScaleBenchmarks) + ", the case above");
        _oneStream.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _twelveStream.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _one.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _twelve.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task<long> OneModule() => Run(_oneConnection, _oneStream);

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task<long> TwelveModules() => Run(_twelveConnection, _twelveStream);

    private static Task<long> Run(FakeConnection connection, IAsyncEnumerator<Route12A> stream)
    {
        var consumer = BenchClients.TakeAsync(stream, Messages, Measure);
        for (var i = 0; i < Messages; i++)
        {
            connection.PushText(Frame);
        }

        return BenchClients.WithinLimit(consumer, Messages);
    }
}
