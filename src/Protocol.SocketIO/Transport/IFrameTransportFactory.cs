namespace Protocol.SocketIO.Transport;

/// <summary>Opens a new <see cref="IFrameTransport"/> per connection attempt (a WebSocket cannot be reconnected).</summary>
public interface IFrameTransportFactory
{
    /// <summary>Opens a transport to <paramref name="uri"/>.</summary>
    /// <param name="uri">The full <c>ws://</c> or <c>wss://</c> address, query included.</param>
    /// <param name="options">Headers, cookies and limits.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The connected transport.</returns>
    ValueTask<IFrameTransport> ConnectAsync(Uri uri, FrameTransportOptions options, CancellationToken cancellationToken);
}
