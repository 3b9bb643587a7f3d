using System.Text;
using System.Threading.Channels;
using Protocol.SocketIO;
using Protocol.SocketIO.Transport;

namespace Protocol.Fuzzing.Targets;

/// <summary>
/// The Engine.IO open packet: <see cref="EngineHandshake.Parse"/> of the input (the JSON after the <c>0</c>), and, when it
/// is accepted, a whole <see cref="SocketIOConnection"/> connect and disconnect over an in-memory transport whose server
/// sends <c>0</c> + the input, accepts the namespace and closes cleanly: what a client does with the values it parsed.
/// Documented rejections: <see cref="SocketIOHandshakeException"/> from Parse and from ConnectAsync; ConnectAsync's
/// <see cref="SocketIOConnectException"/> and <see cref="TimeoutException"/>.
/// </summary>
internal sealed class HandshakeTarget : IFuzzTarget
{
    public string Name => "handshake";

    public void Run(ReadOnlySpan<byte> input)
    {
        EngineHandshake handshake;
        try
        {
            handshake = EngineHandshake.Parse(input);
        }
        catch (SocketIOHandshakeException)
        {
            return;
        }

        Invariant.That(!string.IsNullOrEmpty(handshake.Sid), "an accepted handshake has no sid");
        Invariant.That(handshake.PingInterval > TimeSpan.Zero && handshake.PingTimeout > TimeSpan.Zero && handshake.MaxPayload > 0,
            "an accepted handshake has a non-positive timing or maxPayload");
        foreach (string upgrade in handshake.Upgrades)
        {
            _ = Encoding.UTF8.GetByteCount(upgrade);
        }

        Connect([(byte)'0', .. input]);
    }

    private static void Connect(byte[] openFrame)
    {
        var server = new LoopbackServer(openFrame);
        var connection = new SocketIOConnection(new SocketIOOptions
        {
            ServerUri = new Uri("http://127.0.0.1:9/"),
            TransportFactory = server,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            CloseTimeout = TimeSpan.FromSeconds(2),
        });
        try
        {
            connection.ConnectAsync().GetAwaiter().GetResult();
            Invariant.That(connection.Handshake is not null, "connected without a handshake");
            connection.DisconnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SocketIOHandshakeException or SocketIOConnectException or TimeoutException)
        {
            // Documented failures of ConnectAsync.
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A server in memory: the open packet, <c>40{"sid":..}</c> for every CONNECT, a close after the client's.</summary>
    private sealed class LoopbackServer(byte[] openFrame) : IFrameTransportFactory, IFrameTransport
    {
        private readonly Channel<TransportFrame> _inbound = CreateInbound(openFrame);

        public ValueTask<IFrameTransport> ConnectAsync(Uri uri, FrameTransportOptions options, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IFrameTransport>(this);

        public async ValueTask<TransportFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken) =>
            await _inbound.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _inbound.Reader.TryRead(out TransportFrame frame)
                ? frame
                : TransportFrame.Closed();

        public ValueTask SendAsync(ReadOnlyMemory<byte> data, FrameKind kind, CancellationToken cancellationToken)
        {
            ReadOnlySpan<byte> span = data.Span;
            if (kind == FrameKind.Text && span.StartsWith("40"u8))
            {
                int comma = span.IndexOf((byte)',');
                byte[] ns = span.Length > 2 && span[2] == (byte)'/' && comma > 0 ? span[2..(comma + 1)].ToArray() : [];
                _inbound.Writer.TryWrite(new TransportFrame(FrameKind.Text, (byte[])[.. "40"u8, .. ns, .. "{\"sid\":\"fuzz\"}"u8]));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask CloseOutputAsync(CancellationToken cancellationToken)
        {
            _inbound.Writer.TryWrite(TransportFrame.Closed());
            _inbound.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        public void Abort() => _inbound.Writer.TryComplete();

        public ValueTask DisposeAsync()
        {
            Abort();
            return ValueTask.CompletedTask;
        }

        private static Channel<TransportFrame> CreateInbound(byte[] openFrame)
        {
            Channel<TransportFrame> channel = Channel.CreateUnbounded<TransportFrame>();
            channel.Writer.TryWrite(new TransportFrame(FrameKind.Text, openFrame));
            return channel;
        }
    }
}
