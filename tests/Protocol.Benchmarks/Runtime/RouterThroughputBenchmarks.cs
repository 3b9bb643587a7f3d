using System.Text.Json;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Infrastructure;

namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// Messages per second from a transport's view through router -> module inbox -> module loop (parses the payload) ->
/// subscription -> consumer, against a plain bounded <see cref="Channel{T}"/> pass-through of the same count.
/// Results are per message (OperationsPerInvoke); read the ratio column.
/// </summary>
[MemoryDiagnoser]
public class RouterThroughputBenchmarks
{
    private const int Messages = 10_000;
    private static readonly byte[] Frame = """{"action":"tick","asset":"EURUSD_otc","value":123456,"time":1735689600}"""u8.ToArray();

    private Client<BenchState> _client = null!;
    private FakeConnection _connection = null!;
    private SubscriptionSet<long> _ticks = null!;

    [GlobalSetup]
    public void Setup()
    {
        var transport = new FakeTransport(FakeEnvelope.JsonActions());
        _ticks = new SubscriptionSet<long>(TimeProvider.System);
        var ticks = _ticks;
        _client = new ClientBuilder<BenchState>(new BenchState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://bench.invalid/ws"))
            .Configure(o => o.ModuleInboxCapacity = Messages)
            .AddLightweightModule("ticks", Validator.Custom(static m => m.Kind == MessageKind.Action && m.Name.SequenceEqual("tick"u8)), ctx => new TickModule(ctx, ticks))
            .Build();
        _client.ConnectAsync().GetAwaiter().GetResult();
        _client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        _connection = transport.Current ?? throw new InvalidOperationException("The fake connection did not open.");
    }

    [GlobalCleanup]
    public void Cleanup() => _client.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task<long> ChannelPassThrough()
    {
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(Messages) { SingleReader = true, SingleWriter = true });
        var reading = ReadAsync(channel.Reader);
        for (var i = 0; i < Messages; i++)
        {
            channel.Writer.TryWrite(i);
        }

        return await reading;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> RouterModuleSubscription()
    {
        var subscription = _ticks.Subscribe(new SubscriptionOptions { Capacity = 1024, Policy = SlowConsumerPolicy.Wait });
        var reading = ReadAsync(subscription);
        for (var i = 0; i < Messages; i++)
        {
            _connection.Push(new MessageView(MessageKind.Action, Frame, Frame.AsSpan(11, 4), Frame));
        }

        var sum = await reading;
        await subscription.DisposeAsync();
        return sum;
    }

    private static async Task<long> ReadAsync(ChannelReader<long> reader)
    {
        long sum = 0;
        for (var i = 0; i < Messages; i++)
        {
            sum += await reader.ReadAsync();
        }

        return sum;
    }

    private static async Task<long> ReadAsync(Subscription<long> subscription)
    {
        long sum = 0;
        var count = 0;
        await foreach (var value in subscription)
        {
            sum += value;
            if (++count == Messages)
            {
                break;
            }
        }

        return sum;
    }

    public sealed class BenchState;

    private sealed class TickModule(ModuleContext<BenchState> context, SubscriptionSet<long> ticks) : LightweightModule<BenchState>(context)
    {
        protected override ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken)
        {
            var reader = new Utf8JsonReader(message.View.Payload);
            long value = 0;
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isValue = reader.ValueTextEquals("value"u8);
                reader.Read();
                if (isValue)
                {
                    value = reader.GetInt64();
                }
            }

            ticks.Publish(value);
            return ValueTask.CompletedTask;
        }
    }
}
