using System.Threading.Channels;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;

namespace Protocol.Benchmarks.Runtime;

/// <summary>The state of the benchmark clients (nothing in it).</summary>
public sealed class BenchClientState;

/// <summary>
/// What the declaration-surface benchmarks share: a client on a Socket.IO fake transport, connected and Ready, and consumers
/// that take exactly the count an invocation pushed and fail (never hang) when it does not arrive in time.
/// </summary>
internal static class BenchClients
{
    /// <summary>The bound on one invocation; a run that loses a message fails with a timeout instead of hanging.</summary>
    public static readonly TimeSpan InvocationLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Builds a client whose modules are added by <paramref name="addModules"/>, connects it on a fake Socket.IO transport and
    /// waits until it is Ready. <paramref name="inboxCapacity"/> holds every message one invocation pushes, so nothing is dropped.
    /// </summary>
    public static (Client<BenchClientState> Client, FakeConnection Connection) Start(
        Func<ClientBuilder<BenchClientState>, ClientBuilder<BenchClientState>> addModules, int inboxCapacity)
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var builder = new ClientBuilder<BenchClientState>(new BenchClientState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://bench.invalid/socket.io/?EIO=4&transport=websocket"))
            .Configure(o => o.ModuleInboxCapacity = inboxCapacity);
        var client = addModules(builder).Build();
        client.ConnectAsync().GetAwaiter().GetResult();
        var connection = transport.NextConnectionAsync(InvocationLimit).GetAwaiter().GetResult();
        client.WaitUntilReadyAsync(InvocationLimit).GetAwaiter().GetResult();
        return (client, connection);
    }

    /// <summary>Takes exactly <paramref name="count"/> items from a subscription's enumerator (kept across invocations).</summary>
    public static async Task<long> TakeAsync<T>(IAsyncEnumerator<T> items, int count, Func<T, long> measure)
    {
        long sum = 0;
        long waits = 0;
        for (var i = 0; i < count; i++)
        {
            var next = items.MoveNextAsync();
            waits += next.IsCompleted ? 0 : 1;
            if (!await next.ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The subscription ended after {i} of {count} items.");
            }

            sum += measure(items.Current);
        }

        ConsumerWaits.Add(waits, count);
        return sum;
    }

    /// <summary>Takes exactly <paramref name="count"/> items from a channel, the way <c>ReadAllAsync</c> does.</summary>
    public static async Task<long> TakeAsync<T>(ChannelReader<T> reader, int count, Func<T, long> measure)
    {
        long sum = 0;
        long waits = 0;
        var taken = 0;
        while (taken < count)
        {
            while (taken < count && reader.TryRead(out var item))
            {
                sum += measure(item);
                taken++;
            }

            if (taken == count)
            {
                break;
            }

            var wait = reader.WaitToReadAsync();
            waits += wait.IsCompleted ? 0 : 1;
            if (!await wait.ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The channel completed after {taken} of {count} items.");
            }
        }

        ConsumerWaits.Add(waits, count);
        return sum;
    }

    /// <summary>Waits for a consumer within <see cref="InvocationLimit"/>; a lost message fails the benchmark instead of hanging it.</summary>
    public static async Task<long> WithinLimit(Task<long> consumer, int count)
    {
        try
        {
            return await consumer.WaitAsync(InvocationLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The consumer did not get its {count} items within {InvocationLimit}: a message was dropped or lost on the way.");
        }
    }
}
