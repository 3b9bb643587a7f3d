using System.Threading.Channels;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO;

/// <summary>
/// The connection's one writer. Every frame (emits, acks, connects, pongs) goes through this queue and a single pump,
/// because a WebSocket allows one outstanding send, and a binary header must be followed by its attachments with
/// nothing in between. Enqueueing never blocks, so the read loop can queue pongs and ack replies safely.
/// </summary>
internal sealed class SendQueue
{
    private readonly Channel<OutboundPacket> _channel = Channel.CreateUnbounded<OutboundPacket>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    /// <summary>Queues a packet; false once the queue was completed (the connection is closing).</summary>
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
            packet.Fail(error);
        }
    }
}
