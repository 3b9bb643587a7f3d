namespace Protocol.SocketIO.Transport;

/// <summary>
/// A connected, message-oriented transport: whole text/binary frames in, whole frames out. The Socket.IO connection
/// runs on top of it; tests plug in an in-memory implementation to drive heartbeat, handshake and acks without sockets.
/// </summary>
/// <remarks>
/// Callers guarantee at most one outstanding <see cref="ReceiveAsync"/> and one outstanding <see cref="SendAsync"/>
/// (the connection has one read loop and one send pump), exactly like <see cref="System.Net.WebSockets.ClientWebSocket"/>.
/// </remarks>
public interface IFrameTransport : IAsyncDisposable
{
    /// <summary>Receives the next whole message. Its bytes stay valid until the next call.</summary>
    /// <param name="maxMessageBytes">
    /// The most bytes this message may hold, at most <see cref="FrameTransportOptions.MaxInboundMessageBytes"/>: the
    /// connection passes what is left of its whole-message bound while a binary message is being reassembled, so an
    /// attachment that would cross it is cut off instead of received whole first.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait; cancelling aborts the transport.</param>
    /// <returns>The next frame, or a <see cref="FrameKind.Close"/> frame once the peer has closed.</returns>
    /// <exception cref="Protocol.InboundMessageTooLargeException">The message exceeded <paramref name="maxMessageBytes"/> (reading stopped there); the transport is aborted.</exception>
    ValueTask<TransportFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken);

    /// <summary>Sends one whole message.</summary>
    /// <param name="data">The message bytes; not used after the returned task completes.</param>
    /// <param name="kind"><see cref="FrameKind.Text"/> or <see cref="FrameKind.Binary"/>.</param>
    /// <param name="cancellationToken">Cancels the send; cancelling aborts the transport.</param>
    /// <returns>A task that completes when the message has been handed to the network.</returns>
    ValueTask SendAsync(ReadOnlyMemory<byte> data, FrameKind kind, CancellationToken cancellationToken);

    /// <summary>Starts a clean close (sends the close frame); the read side ends when the peer's close arrives.</summary>
    /// <param name="cancellationToken">Cancels the close; cancelling aborts the transport.</param>
    /// <returns>A task that completes when the close frame has been sent.</returns>
    ValueTask CloseOutputAsync(CancellationToken cancellationToken);

    /// <summary>Tears the transport down at once; a pending receive or send fails. Safe to call more than once, from any thread.</summary>
    void Abort();
}
