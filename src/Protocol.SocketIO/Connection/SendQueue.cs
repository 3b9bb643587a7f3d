using System.Threading.Channels;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO;

/// <summary>
/// The connection's one writer. Every frame (emits, acks, connects, pongs) goes through this queue and a single pump,
/// because a WebSocket allows one outstanding send, and a binary header must be followed by its attachments with
/// nothing in between. Enqueueing never blocks, so the read loop can queue pongs safely; sends are bounded by a
/// reservation taken before they are queued (<see cref="TryReserve"/> / <see cref="ReserveAsync"/>) and given back when
/// the pump has finished with them, so a server that stops reading cannot grow memory without bound.
/// </summary>
internal sealed class SendQueue(int capacity)
{
    private readonly Channel<OutboundPacket> _channel = Channel.CreateUnbounded<OutboundPacket>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    // Room for reserved (bounded) packets: queued or on the wire.
    private readonly SemaphoreSlim _room = new(capacity, capacity);

    /// <summary>The most reserved packets queued or on the wire.</summary>
    public int Capacity => capacity;

    /// <summary>Takes room for one bounded packet without waiting; false when the queue is full.</summary>
    public bool TryReserve() => _room.Wait(0);

    /// <summary>Waits for room for one bounded packet; the token's cancellation (a timeout, a close) ends the wait.</summary>
    public Task ReserveAsync(CancellationToken cancellationToken) => _room.WaitAsync(cancellationToken);

    /// <summary>Gives back room taken for a packet that will not be queued.</summary>
    public void Unreserve() => _room.Release();

    /// <summary>Queues a packet; false once the queue was completed (the connection is closing).</summary>
    /// <remarks>A reserved packet gives its room back when the pump is done with it, or when the queue is drained.</remarks>
    public bool TryEnqueue(OutboundPacket packet) => _channel.Writer.TryWrite(packet);

    /// <summary>No more packets; the pump finishes what is queued and returns.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Writes queued packets until <see cref="Complete"/> drains the queue; throws when the transport fails.</summary>
    public async Task RunAsync(IFrameTransport transport, Func<Exception, Exception> describeFailure, CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var packet))
            {
                using var room = new RoomReturn(this, packet);
                if (!packet.TryStart())
                {
                    continue;
                }

                try
                {
                    await transport.SendAsync(packet.Text, FrameKind.Text, cancellationToken).ConfigureAwait(false);
                    var attachments = packet.Attachments;
                    for (var i = 0; i < attachments.Count; i++)
                    {
                        await transport.SendAsync(attachments[i], FrameKind.Binary, cancellationToken).ConfigureAwait(false);
                    }

                    packet.Succeed();
                }
                catch (Exception ex)
                {
                    packet.Fail(describeFailure(ex));
                    throw;
                }
            }
        }
    }

    /// <summary>Fails everything still queued (after the pump stopped).</summary>
    public void FailPending(Exception error)
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var packet))
        {
            using var room = new RoomReturn(this, packet);
            packet.Fail(error);
        }
    }

    // Returns a reserved packet's room once the pump (or the drain) is done with it, however it ended.
    private readonly struct RoomReturn(SendQueue queue, OutboundPacket packet) : IDisposable
    {
        public void Dispose()
        {
            if (packet.Reserved)
            {
                queue._room.Release();
            }
        }
    }
}
