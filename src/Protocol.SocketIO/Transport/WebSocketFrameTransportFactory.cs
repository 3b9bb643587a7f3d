using System.Net.WebSockets;

namespace Protocol.SocketIO.Transport;

/// <summary>The default <see cref="IFrameTransportFactory"/>: a new <see cref="ClientWebSocket"/> per connection.</summary>
public sealed class WebSocketFrameTransportFactory : IFrameTransportFactory
{
    private readonly Action<ClientWebSocketOptions>? _configure;

    /// <summary>Creates the factory.</summary>
    /// <param name="configure">Optional extra socket configuration applied before each connect (proxy, certificate validation, keep-alive).</param>
    public WebSocketFrameTransportFactory(Action<ClientWebSocketOptions>? configure = null) => _configure = configure;

    /// <summary>A factory with no extra configuration.</summary>
    public static WebSocketFrameTransportFactory Default { get; } = new();

    /// <inheritdoc />
    public async ValueTask<IFrameTransport> ConnectAsync(Uri uri, FrameTransportOptions options, CancellationToken cancellationToken) =>
        await WebSocketFrameTransport.ConnectAsync(uri, options, _configure, cancellationToken).ConfigureAwait(false);
}
