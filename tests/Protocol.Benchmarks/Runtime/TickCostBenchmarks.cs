using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Protocol.Benchmarks.Messages;
using Protocol.Testing.Connections;

namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// The CPU a tick costs on one thread, without the thread hand-off that <see cref="TickPathBenchmarks"/> includes: each
/// invocation pushes 4,096 ticks while nobody waits on the stream, then drains them on the same thread (every
/// <c>MoveNextAsync</c> completes at once). No consumer is woken per item, so the ratio shows what the runtime itself adds
/// to the minimum (hand read, unbounded single-reader channel), and it holds on a loaded machine where the concurrent
/// benchmark's ratio moves with the scheduler. <c>TwoStepFrames</c> reads a Wait subscription (as <c>TickPath</c> does);
/// <c>TwoStepFramesDropOldest</c> the same ticks through a subscription with the default policy, whose writers may take the
/// oldest update out.
/// </summary>
[MemoryDiagnoser]
public class TickCostBenchmarks
{
    private const int Messages = 4096;

    private readonly Channel<BenchStream> _channel = Channel.CreateUnbounded<BenchStream>(new UnboundedChannelOptions { SingleReader = true });
    private Client<BenchClientState> _client = null!;
    private FakeConnection _connection = null!;
    private IAsyncEnumerator<BenchStream> _ticks = null!;
    private Client<BenchClientState> _dropClient = null!;
    private FakeConnection _dropConnection = null!;
    private IAsyncEnumerator<BenchStream> _dropTicks = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_client, _connection) = BenchClients.Start(static b => b.AddTickPathModule(), Messages);
        var subscription = _client.GetApi<TickPathApi>().SubscribeTicks(new SubscriptionOptions { Capacity = Messages, Policy = SlowConsumerPolicy.Wait });
        _ticks = subscription.GetAsyncEnumerator();

        // The default policy (DropOldest), on a client of its own; its capacity holds an invocation, so nothing is dropped.
        (_dropClient, _dropConnection) = BenchClients.Start(static b => b.AddTickPathModule(), Messages);
        _dropTicks = _dropClient.GetApi<TickPathApi>().SubscribeTicks(new SubscriptionOptions { Capacity = Messages }).GetAsyncEnumerator();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ticks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dropTicks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dropClient.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long HandWrittenChannel()
    {
        var writer = _channel.Writer;
        for (var i = 0; i < Messages; i++)
        {
            writer.TryWrite(TickFrames.ReadByHand(TickFrames.Attachment));
        }

        long sum = 0;
        var reader = _channel.Reader;
        for (var i = 0; i < Messages; i++)
        {
            if (!reader.TryRead(out var item))
            {
                throw new InvalidOperationException($"The channel held {i} of {Messages} items.");
            }

            sum += item.Ticks.Length;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long TwoStepFrames()
    {
        for (var i = 0; i < Messages; i++)
        {
            _connection.PushText(TickFrames.Header);
            _connection.PushBinary(TickFrames.Attachment);
        }

        return Drain();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long TwoStepFramesDropOldest()
    {
        for (var i = 0; i < Messages; i++)
        {
            _dropConnection.PushText(TickFrames.Header);
            _dropConnection.PushBinary(TickFrames.Attachment);
        }

        return Drain(_dropTicks);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long OneStepFrame()
    {
        for (var i = 0; i < Messages; i++)
        {
            _connection.PushText(TickFrames.OneStep);
        }

        return Drain();
    }

    // Every tick is buffered already: each MoveNextAsync completes synchronously, on this thread.
    private long Drain() => Drain(_ticks);

    private static long Drain(IAsyncEnumerator<BenchStream> ticks)
    {
        long sum = 0;
        for (var i = 0; i < Messages; i++)
        {
            var next = ticks.MoveNextAsync();
            if (!next.IsCompleted || !next.Result)
            {
                throw new InvalidOperationException($"Tick {i} of {Messages} was not buffered when the pushes returned: the stream dropped or deferred it.");
            }

            sum += ticks.Current.Ticks.Length;
        }

        return sum;
    }
}
