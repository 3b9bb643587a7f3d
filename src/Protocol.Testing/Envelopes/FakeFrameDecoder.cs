using Protocol.Infrastructure;

namespace Protocol.Testing.Envelopes;

/// <summary>Decodes the frames pushed on one fake connection into the views a real transport would deliver.</summary>
public abstract class FakeFrameDecoder : IDisposable
{
    /// <summary>How many binary frames a pushed header still waits for (0 when none).</summary>
    public virtual int PendingAttachmentCount => 0;

    /// <summary>Decodes one frame and delivers the complete message, if it completes one, to <paramref name="sink"/>.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="isText">Whether it is a text frame.</param>
    /// <param name="sink">
    /// Where the view goes. Calling its <see cref="IMessageSink.OnDisconnected"/> ends the fake connection, as the real
    /// transport ends a session its server ended by message (a Socket.IO DISCONNECT of the last namespace).
    /// </param>
    /// <exception cref="FakeFrameException">The frame is not valid in this envelope, or not expected now.</exception>
    public abstract void Decode(ReadOnlySpan<byte> frame, bool isText, IMessageSink sink);

    /// <summary>
    /// Delivers a message given as fields (<c>FakeConnection.Push</c>), laid out as this envelope's decoder would lay it
    /// out. By default its one argument is the whole payload, as for a JSON action or a raw frame.
    /// </summary>
    /// <param name="kind">The message kind.</param>
    /// <param name="raw">The frame text the message stands for.</param>
    /// <param name="name">The name as unescaped UTF-8.</param>
    /// <param name="payload">The payload as the envelope carries it.</param>
    /// <param name="correlationId">Pairs a request with its reply, or <see cref="MessageView.NoCorrelationId"/>.</param>
    /// <param name="attachments">Binary parts that came with the message.</param>
    /// <param name="sink">Where the view goes.</param>
    public virtual void DeliverFields(MessageKind kind, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name, ReadOnlySpan<byte> payload, long correlationId, ReadOnlySpan<ReadOnlyMemory<byte>> attachments, IMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        sink.OnMessage(correlationId == MessageView.NoCorrelationId && attachments.IsEmpty
            ? new MessageView(kind, raw, name, payload)
            : new MessageView(kind, raw, name, payload, payload.IsEmpty ? [] : [ArgumentSlice.InPayload(0, payload.Length)], attachments, default, correlationId));
    }

    /// <summary>Releases pooled buffers.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases pooled buffers.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
