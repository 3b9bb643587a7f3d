using RuntimeReason = Protocol.DisconnectReason;
using SocketReason = Protocol.SocketIO.SocketIODisconnectReason;
using Protocol.Infrastructure;

namespace Protocol.SocketIO;

/// <summary>
/// Plugs a <see cref="SocketIOConnection"/> into the client runtime as an <see cref="IConnection"/>: the runtime's
/// endpoint and headers become the Socket.IO options, every decoded message (binary attachments reassembled) goes to
/// the runtime's sink as a <see cref="MessageView"/>, and the connection's end is reported exactly once.
/// </summary>
/// <remarks>
/// One instance per connection attempt, as the runtime requires; use <see cref="Factory"/> with
/// <c>ClientBuilder.UseConnection</c>. Outgoing messages are whole Engine.IO text frames (<c>42["ev",…]</c>), with
/// binary attachments for the two-step form; the Socket.IO send queue keeps a header and its attachments together.
/// </remarks>
public sealed class SocketIOTransportConnection : IConnection
{
    private readonly Action<SocketIOOptions>? _configure;
    private SocketIOConnection? _connection;
    private Task _closeWatcher = Task.CompletedTask;
    private int _disposed;

    /// <summary>Creates an unconnected adapter.</summary>
    /// <param name="configure">
    /// Adjusts the Socket.IO options after the endpoint has filled in the server URI and headers: namespaces and their
    /// auth, timeouts, size limits, <see cref="TimeProvider"/>, logging. Leave <see cref="SocketIOOptions.OnMessage"/>
    /// alone: the runtime's sink owns it.
    /// </param>
    public SocketIOTransportConnection(Action<SocketIOOptions>? configure = null) => _configure = configure;

    /// <summary>A factory for <c>ClientBuilder.UseConnection</c>: a fresh adapter for every connection attempt.</summary>
    /// <param name="configure">Adjusts the Socket.IO options of every attempt (see the constructor).</param>
    /// <returns>The factory.</returns>
    public static ConnectionFactory Factory(Action<SocketIOOptions>? configure = null) => () => new SocketIOTransportConnection(configure);

    /// <summary>The underlying Socket.IO connection once <see cref="ConnectAsync"/> has started, for acks and namespaces.</summary>
    public SocketIOConnection? Connection => _connection;

    /// <inheritdoc />
    public async ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_connection is not null)
        {
            throw new InvalidOperationException("A SocketIOTransportConnection connects once; the runtime creates a new one per attempt.");
        }

        var options = new SocketIOOptions { ServerUri = endpoint.Uri };
        foreach (var header in endpoint.Headers)
        {
            options.Headers.Add(header);
        }

        _configure?.Invoke(options);
        options.OnMessage = message => sink.OnMessage(in message);
        var connection = new SocketIOConnection(options);
        _connection = connection;
        try
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // The contract reports a disconnection only for a connection that opened; a failed attempt is an exception.
            await connection.DisposeAsync().ConfigureAwait(false);
            if (error is OperationCanceledException)
            {
                throw;
            }

            throw new ConnectionFailedException($"Could not open a Socket.IO session to {endpoint}: {error.Message}", error);
        }

        _closeWatcher = ReportCloseAsync(connection, sink);
    }

    /// <inheritdoc />
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var connection = _connection;
        if (connection is null || !connection.IsOpen)
        {
            throw new ConnectionLostException("The Socket.IO session is not open; nothing was sent.") { NothingSent = true };
        }

        if (!message.IsText)
        {
            // Engine.IO v4 reads a lone binary frame as an attachment; without its header the server closes the session.
            throw new ArgumentException("Socket.IO sends binary data only as attachments of a text header (OutgoingMessage.WithAttachments); a lone binary frame would make the server close the session.", nameof(message));
        }

        ValueTask send;
        try
        {
            // Borrowed, not copied: the runtime keeps the message's memory until this completes.
            send = connection.SendMessageAsync(message, cancellationToken);
        }
        catch (SocketIOConnectionClosedException error)
        {
            throw Lost(error);
        }

        if (send.IsCompletedSuccessfully)
        {
            send.GetAwaiter().GetResult();
            return default;
        }

        return AwaitSendAsync(send);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask AwaitSendAsync(ValueTask send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (SocketIOConnectionClosedException error)
        {
            throw Lost(error);
        }
    }

    private static ConnectionLostException Lost(SocketIOConnectionClosedException error)
        => new($"The Socket.IO session closed before the message was sent ({error.Info.Reason}).", error);

    /// <inheritdoc />
    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } connection)
        {
            await connection.DisconnectAsync(cancellationToken).ConfigureAwait(false);
            await _closeWatcher.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await _closeWatcher.ConfigureAwait(false);
        }
    }

    private static async Task ReportCloseAsync(SocketIOConnection connection, IMessageSink sink)
    {
        var info = await connection.Completion.ConfigureAwait(false);
        sink.OnDisconnected(new DisconnectInfo(Map(info.Reason), info.Description, info.Exception));
    }

    private static RuntimeReason Map(SocketReason reason) => reason switch
    {
        SocketReason.ClientDisconnect => RuntimeReason.ClosedByClient,
        SocketReason.ServerDisconnect => RuntimeReason.ClosedByServer,
        SocketReason.PingTimeout => RuntimeReason.Timeout,
        SocketReason.ProtocolError => RuntimeReason.ProtocolError,
        _ => RuntimeReason.TransportError,
    };
}
