using System.Text;
using System.Threading.Channels;
using Protocol.Testing.Envelopes;
using Protocol.Infrastructure;

namespace Protocol.Testing.Connections;

/// <summary>
/// An in-memory <see cref="IConnection"/>: a test pushes server frames, decoded by the transport's
/// <see cref="FakeEnvelope"/> and delivered synchronously on the test's thread (so routing is deterministic), and
/// inspects or awaits what the client sent. Created by <see cref="FakeTransport"/>.
/// </summary>
public sealed class FakeConnection : IConnection
{
    private readonly FakeTransport _transport;
    private readonly Lock _gate = new();
    private readonly List<SentMessage> _sent = [];
    private readonly Channel<SentMessage> _outbox = Channel.CreateUnbounded<SentMessage>();
    private readonly FakeFrameDecoder _decoder;
    private readonly DecoderSink _decoderSink;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IMessageSink? _sink;

    // The runtime's sink while open, else null: what a push reads, without the gate (a benchmark pushes on every frame,
    // and the lock showed in its profile). Written under the gate together with _open.
    private volatile IMessageSink? _openSink;
    private bool _open;
    private bool _disconnected;

    internal FakeConnection(FakeTransport transport, int number)
    {
        _transport = transport;
        Number = number;
        _decoder = transport.Envelope.CreateDecoder();
        _decoderSink = new DecoderSink(this);
    }

    /// <summary>1-based creation order among the transport's connections.</summary>
    public int Number { get; }

    /// <summary>How frames pushed on it are decoded (the transport's envelope).</summary>
    public FakeEnvelope Envelope => _transport.Envelope;

    /// <summary>The endpoint it connected (or tried to connect) to.</summary>
    public ConnectionEndpoint? Endpoint { get; private set; }

    /// <summary>
    /// Completes once the connection is over: the client closed or disposed it, or the test dropped it (after the client was
    /// told). A test awaits it to know the client is done with a connection, e.g. an endpoint probe it measured and closed,
    /// before it moves a fake clock that would otherwise time that connection out.
    /// </summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Completes once the client disposed the connection, the last step of its teardown: whatever the client armed to close
    /// it (a close timeout on its clock) is gone by then. A test awaits it after a drop before it counts the client's timers
    /// or moves a fake clock: <see cref="Closed"/> completes at the drop itself, while the client is still tearing down.
    /// </summary>
    public Task Disposed => _disposed.Task;

    /// <summary>Whether it is connected and not yet disconnected.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>How many binary frames a pushed binary header still waits for (0 when none).</summary>
    public int PendingAttachmentCount => _decoder.PendingAttachmentCount;

    /// <summary>Whether it was disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Every message sent so far, in order.</summary>
    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(sink);
        Endpoint = endpoint;
        await _transport.OnConnectingAsync(this, endpoint, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _sink = sink;
            _open = true;
            _openSink = sink;
        }

        _transport.OnConnected(this);
    }

    /// <inheritdoc />
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SentMessage sent;
        lock (_gate)
        {
            if (!_open)
            {
                throw new ConnectionLostException("The fake connection is not open; nothing was sent.") { NothingSent = true };
            }

            var attachments = new List<byte[]>();
            foreach (var attachment in message.Attachments.Span)
            {
                attachments.Add(attachment.ToArray());
            }

            sent = new SentMessage(message.IsText, message.Content.ToArray(), attachments);
            _sent.Add(sent);
        }

        _outbox.Writer.TryWrite(sent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the next message the client sends (in order; each is returned once).</summary>
    /// <param name="timeout">A wall-clock safety net so a broken test fails instead of hanging; <see cref="SafetyNet.DefaultLimit"/> by default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="TimeoutException">Nothing was sent in time.</exception>
    public async Task<SentMessage> NextSentAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        try
        {
            // A wait that timed out withdraws its read: the next message goes to the next wait.
            return await TimeoutRunner.RunAsync(nameof(NextSentAsync), timeout ?? SafetyNet.DefaultLimit, TimeProvider.System, ct => _outbox.Reader.ReadAsync(ct).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Connection #{Number} sent nothing within {timeout ?? SafetyNet.DefaultLimit}; sent so far: {Sent.Count} message(s).");
        }
    }

    /// <summary>Delivers a text frame as the server would send it (<c>42["ev",{…}]</c>, <c>{"action":…}</c>), decoded by the transport's envelope.</summary>
    /// <param name="text">The frame text.</param>
    /// <exception cref="FakeFrameException">The envelope cannot decode it; the message says why.</exception>
    public void PushText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _decoder.Decode(Encoding.UTF8.GetBytes(text), true, RequireDecoderSink());
    }

    /// <summary>
    /// Delivers a text frame unless the connection is already over, for a server frame that races the client's own close:
    /// the platform's <c>41</c> right after a rejection may reach a client that, having read the rejection on another
    /// thread, has already closed the connection, as it may on a real socket. <see cref="PushText(string)"/> throws then.
    /// </summary>
    /// <param name="text">The frame text.</param>
    /// <returns>False when the connection was no longer open, so nothing was delivered; true when the frame was delivered.</returns>
    /// <exception cref="FakeFrameException">The envelope cannot decode it; the message says why.</exception>
    public bool TryPushText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_openSink is not { } sink)
        {
            return false;
        }

        _decoderSink.Target = sink;
        _decoder.Decode(Encoding.UTF8.GetBytes(text), true, _decoderSink);
        return true;
    }

    /// <summary>Delivers a text frame given as UTF-8 bytes; allocates nothing of its own (for benchmarks and allocation tests).</summary>
    /// <param name="utf8">The frame text as UTF-8.</param>
    /// <exception cref="FakeFrameException">The envelope cannot decode it; the message says why.</exception>
    public void PushText(ReadOnlySpan<byte> utf8) => _decoder.Decode(utf8, true, RequireDecoderSink());

    /// <summary>Delivers a binary frame (for Socket.IO: the next attachment of a pushed binary header).</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <exception cref="FakeFrameException">The envelope does not expect a binary frame now; the message says why.</exception>
    public void PushBinary(ReadOnlySpan<byte> frame) => _decoder.Decode(frame, false, RequireDecoderSink());

    /// <summary>
    /// Delivers a message with explicit fields, laid out as the transport's envelope lays out its messages: on a
    /// Socket.IO fake an <see cref="MessageKind.Event"/>'s payload is its array (name included) and its arguments are
    /// the elements after the name, a placeholder being its attachment; elsewhere the payload is the one argument.
    /// </summary>
    /// <param name="kind">The message kind.</param>
    /// <param name="name">The event or action name.</param>
    /// <param name="payload">The JSON payload.</param>
    /// <param name="raw">The frame text; the payload when null.</param>
    /// <param name="correlationId">Pairs a request with its reply (a Socket.IO ack id), or <see cref="MessageView.NoCorrelationId"/>.</param>
    /// <param name="attachments">Binary attachments.</param>
    public void Push(MessageKind kind, string name, string payload, string? raw = null, long correlationId = MessageView.NoCorrelationId, params byte[][] attachments)
    {
        var rawBytes = Encoding.UTF8.GetBytes(raw ?? payload);
        var payloadBytes = Encoding.UTF8.GetBytes(payload);
        var memories = attachments.Select(a => (ReadOnlyMemory<byte>)a).ToArray();
        _decoder.DeliverFields(kind, rawBytes, Encoding.UTF8.GetBytes(name), payloadBytes, correlationId, memories, RequireDecoderSink());
    }

    /// <summary>Delivers a prepared view (zero-copy; for allocation and throughput tests).</summary>
    /// <param name="message">The view.</param>
    public void Push(MessageView message) => RequireSink().OnMessage(message);

    /// <summary>Simulates the connection dropping.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="description">A description.</param>
    public void Drop(DisconnectReason reason = DisconnectReason.ClosedByServer, string? description = "dropped by test")
        => Disconnect(new DisconnectInfo(reason, description));

    /// <inheritdoc />
    public ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        Disconnect(new DisconnectInfo(DisconnectReason.ClosedByClient, "closed by client"));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        Disconnect(new DisconnectInfo(DisconnectReason.ClosedByClient, "disposed"));
        _decoder.Dispose();
        _closed.TrySetResult();
        _disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    // A message already sent that no NextSentAsync has taken (a script's end checks there is none).
    internal bool TryTakeSent(out SentMessage sent) => _outbox.Reader.TryRead(out sent!);

    private void Disconnect(DisconnectInfo info)
    {
        IMessageSink? sink;
        lock (_gate)
        {
            if (!_open || _disconnected)
            {
                return;
            }

            _open = false;
            _openSink = null;
            _disconnected = true;
            sink = _sink;
        }

        sink?.OnDisconnected(info);
        _closed.TrySetResult();
    }

    // The envelope's decoder delivers through this: messages go to the runtime's sink, and a session the server ended
    // by message (a Socket.IO DISCONNECT) closes this connection exactly as Drop() does, reported once.
    private DecoderSink RequireDecoderSink()
    {
        _decoderSink.Target = RequireSink();
        return _decoderSink;
    }

    private IMessageSink RequireSink() =>
        _openSink ?? throw new InvalidOperationException($"Fake connection #{Number} is not open; wait for the client to connect (FakeTransport.NextConnectionAsync) before pushing.");

    private sealed class DecoderSink(FakeConnection owner) : IMessageSink
    {
        // The runtime's sink, checked open when the push began. Always the same object for this connection's life, so
        // concurrent pushes that set it race harmlessly.
        public IMessageSink? Target { get; set; }

        public void OnMessage(in MessageView message) => Target!.OnMessage(message);

        public void OnDisconnected(DisconnectInfo info) => owner.Disconnect(info);
    }
}
