using System.Text.Json;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Protocol.Benchmarks.Messages;
using Protocol.Infrastructure;
using Protocol.Testing.Connections;

namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// Issue #9, "Measured": a PocketOption <c>updateStream</c> tick from the received frames to a subscriber's <c>await foreach</c>
/// over the declared stream, per message (OperationsPerInvoke).
/// <list type="bullet">
/// <item><c>HandWrittenChannel</c> (baseline): the minimum by hand — a synchronous <see cref="Utf8JsonReader"/> read of the
/// attachment JSON building the same <see cref="BenchStream"/> (symbol string included), written to and read from an unbounded
/// single-reader <see cref="Channel{T}"/> by a concurrent consumer.</item>
/// <item><c>TwoStepFrames</c>: the header <c>451-["updateStream",{"_placeholder":true,"num":0}]</c> and its binary attachment
/// <c>[["EURUSD_otc",…,…]]</c> pushed as received frames into the fake transport (real Socket.IO codec and assembler), then the
/// runtime (routing, module, generated reader, stream) to <c>SubscribeTicks()</c>. Target: at most 1.3x the baseline and 0 B
/// per message beyond the typed value.</item>
/// <item><c>HandReadSubscription</c>: the baseline's hand read, published with <see cref="SubscriptionSet{T}.Publish"/>
/// to a subscription read with <c>await foreach</c>: the runtime's delivery alone (its buffer, bound and consumer wake-up)
/// against the channel, without the receive path.</item>
/// <item><c>OneStepFrame</c>: the same tick as one text frame <c>42["updateStream",[[…]]]</c>.</item>
/// <item><c>TwoStepFramesNoReader</c>: the same frames into a client no module of which reads <c>updateStream</c>: the floor
/// of the fake transport, codec and router, and the bytes the test harness itself allocates (see the README).</item>
/// </list>
/// Written on the declaration surface only ([ProtocolModule]/[ModuleStream], ClientBuilder, the generated AddXxx()/API,
/// FakeTransport), so it carries over the runtime rewrite unchanged. Run:
/// <c>dotnet run -c Release --project tests/Protocol.Benchmarks -- --filter '*TickPath*' --job short --launchCount 5</c>.
/// Five processes per case, because on two vCPUs a process settles in a faster or slower state for its whole life (the
/// baseline alone between 250 and 770 ns per tick), and with one process per case a run's ratio divides one draw by another
/// (benchmarks README, "Issue #9, session 20").
/// </summary>
[MemoryDiagnoser]
public class TickPathBenchmarks
{
    /// <summary>Ticks per invocation; the module inbox and the subscription (Wait policy) hold them all, so none is dropped.</summary>
    internal const int Messages = 4096;

    private static readonly Func<BenchStream, long> Measure = static s => s.Ticks.Length;

    private readonly Channel<BenchStream> _channel = Channel.CreateUnbounded<BenchStream>(new UnboundedChannelOptions { SingleReader = true });
    private Client<BenchClientState> _client = null!;
    private FakeConnection _connection = null!;
    private Subscription<BenchStream> _subscription = null!;
    private IAsyncEnumerator<BenchStream> _ticks = null!;
    private SubscriptionSet<BenchStream> _published = null!;
    private IAsyncEnumerator<BenchStream> _publishedTicks = null!;
    private Client<BenchClientState> _bareClient = null!;
    private FakeConnection _bareConnection = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_client, _connection) = BenchClients.Start(static b => b.AddTickPathModule(), Messages);
        _subscription = _client.GetApi<TickPathApi>().SubscribeTicks(new SubscriptionOptions { Capacity = Messages, Policy = SlowConsumerPolicy.Wait });
        _ticks = _subscription.GetAsyncEnumerator();
        _published = new SubscriptionSet<BenchStream>(TimeProvider.System);
        _publishedTicks = _published.Subscribe(new SubscriptionOptions { Capacity = Messages, Policy = SlowConsumerPolicy.Wait }).GetAsyncEnumerator();
        (_bareClient, _bareConnection) = BenchClients.Start(static b => b.AddUnrelatedModule(), Messages);

        // The shapes are read as the issue means them: a hand read and the runtime build the same value.
        var byHand = TickFrames.ReadByHand(TickFrames.Attachment);
        if (byHand.Ticks is not [{ Symbol: "EURUSD_otc", Price: 1.08123m }])
        {
            throw new InvalidOperationException("The hand-written reader does not read the attachment.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ConsumerWaits.Report(nameof(TickPathBenchmarks) + ", the case above");
        _ticks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _publishedTicks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bareClient.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task<long> HandWrittenChannel()
    {
        var consumer = BenchClients.TakeAsync(_channel.Reader, Messages, Measure);
        var writer = _channel.Writer;
        for (var i = 0; i < Messages; i++)
        {
            writer.TryWrite(TickFrames.ReadByHand(TickFrames.Attachment));
        }

        return BenchClients.WithinLimit(consumer, Messages);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task<long> HandReadSubscription()
    {
        var consumer = BenchClients.TakeAsync(_publishedTicks, Messages, Measure);
        for (var i = 0; i < Messages; i++)
        {
            _published.Publish(TickFrames.ReadByHand(TickFrames.Attachment));
        }

        return BenchClients.WithinLimit(consumer, Messages);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task<long> TwoStepFrames()
    {
        var consumer = BenchClients.TakeAsync(_ticks, Messages, Measure);
        for (var i = 0; i < Messages; i++)
        {
            _connection.PushText(TickFrames.Header);
            _connection.PushBinary(TickFrames.Attachment);
        }

        return BenchClients.WithinLimit(consumer, Messages);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task<long> OneStepFrame()
    {
        var consumer = BenchClients.TakeAsync(_ticks, Messages, Measure);
        for (var i = 0; i < Messages; i++)
        {
            _connection.PushText(TickFrames.OneStep);
        }

        return BenchClients.WithinLimit(consumer, Messages);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int TwoStepFramesNoReader()
    {
        for (var i = 0; i < Messages; i++)
        {
            _bareConnection.PushText(TickFrames.Header);
            _bareConnection.PushBinary(TickFrames.Attachment);
        }

        return Messages;
    }
}

/// <summary>The tick module of <see cref="TickPathBenchmarks"/>: the declared stream <c>SubscribeTicks()</c> of <c>updateStream</c>.</summary>
[ProtocolModule("bench-ticks", typeof(BenchClientState))]
[ModuleStream(typeof(BenchStream), "Ticks")]
public sealed partial class TickPathModule;

/// <summary>A module that reads something else, for the client of <c>TwoStepFramesNoReader</c>.</summary>
[ProtocolModule("bench-unrelated", typeof(BenchClientState))]
[ModuleStream(typeof(BenchUnrelated), "Unrelated")]
public sealed partial class UnrelatedModule;

/// <summary>A message nothing pushes.</summary>
[ProtocolMessage("benchUnrelated")]
public sealed partial class BenchUnrelated
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}
