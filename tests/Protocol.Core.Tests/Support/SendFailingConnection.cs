using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Support;

// Wraps a fake connection and refuses (ConnectionLostException, nothing sent) every text send that fail() picks, as a
// transport whose socket broke under the send would.
public sealed class SendFailingConnection(IConnection inner, Func<string, bool> fail) : IConnection
{
    public ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
        => inner.ConnectAsync(endpoint, sink, cancellationToken);

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message.IsText && fail(System.Text.Encoding.UTF8.GetString(message.Content.Span)))
        {
            throw new ConnectionLostException("The test's connection refused this send: nothing was sent.");
        }

        return inner.SendAsync(message, cancellationToken);
    }

    public ValueTask CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
