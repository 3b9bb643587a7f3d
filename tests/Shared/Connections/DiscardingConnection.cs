using Protocol.Infrastructure;

namespace Protocol.Tests.Connections;

// An open connection that drops what it is sent, at once and without copying (it remembers only the last text, on
// demand): what allocation tests of the send path stand on, so the only bytes counted are the client's.
internal sealed class DiscardingConnection : IConnection
{
    private ReadOnlyMemory<byte> _last;
    private IMessageSink? _sink;

    public int Sent { get; private set; }

    public string LastText => System.Text.Encoding.UTF8.GetString(_last.Span);

    public ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        return default;
    }

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Sent++;
        _last = message.Content;
        return default;
    }

    public ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        _sink?.OnDisconnected(new DisconnectInfo(DisconnectReason.ClosedByClient, "closed"));
        _sink = null;
        return default;
    }

    public ValueTask DisposeAsync() => CloseAsync(CancellationToken.None);
}
