using Protocol.Infrastructure;
namespace Protocol;

/// <summary>
/// One transport connection to one endpoint, used for one session: the runner creates a fresh instance for every
/// connection attempt (through the factory given to the builder) and disposes it when the session ends.
/// </summary>
/// <remarks>
/// Contract for implementers:
/// <list type="bullet">
/// <item>After <see cref="ConnectAsync"/> succeeds, every inbound message goes to <see cref="IMessageSink.OnMessage"/>,
/// one at a time (never concurrently), possibly before <see cref="ConnectAsync"/> has returned.</item>
/// <item>After <see cref="ConnectAsync"/> succeeds, <see cref="IMessageSink.OnDisconnected"/> is called exactly once,
/// whatever ends the connection (server close, network error, <see cref="CloseAsync"/>, disposal).</item>
/// <item><see cref="SendAsync"/> may be called concurrently; the transport serialises writes and sends a message and its
/// attachments as one unit (no other message in between).</item>
/// </list>
/// </remarks>
public interface IConnection : IAsyncDisposable
{
    /// <summary>Opens the transport to <paramref name="endpoint"/> and starts delivering messages to <paramref name="sink"/>.</summary>
    /// <param name="endpoint">Where to connect, with the headers of the upgrade request.</param>
    /// <param name="sink">Receives inbound messages and the disconnection.</param>
    /// <param name="cancellationToken">Abandons the attempt.</param>
    /// <exception cref="ConnectionFailedException">The transport could not be opened.</exception>
    ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken);

    /// <summary>Sends one message (and its attachments, atomically). The message's memory must stay valid until the returned task completes.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Abandons the send; the transport may then be unusable and should report a disconnection.</param>
    /// <exception cref="ConnectionLostException">The connection is not open.</exception>
    ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Closes the transport gracefully; <see cref="IMessageSink.OnDisconnected"/> follows with <see cref="DisconnectReason.ClosedByClient"/>.</summary>
    /// <param name="cancellationToken">Stops waiting for the graceful close; the transport is then aborted.</param>
    ValueTask CloseAsync(CancellationToken cancellationToken);
}
