using Protocol.Connections;

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
