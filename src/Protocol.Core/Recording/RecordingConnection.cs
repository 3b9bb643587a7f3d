using Protocol.Infrastructure;

namespace Protocol;

// Wraps one session's connection: every message the client sends is recorded before it is handed to the transport (so
// a fast answer can never be recorded ahead of its request), every message the transport delivers is recorded before
// the runtime sees it.
internal sealed class RecordingConnection(IConnection inner, FrameRecorder recorder) : IConnection, IMessageSink
{
    private IMessageSink? _sink;

    public ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        recorder.SessionStarted(endpoint);
        return inner.ConnectAsync(endpoint, this, cancellationToken);
    }

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        recorder.Sent(message);
        var sending = inner.SendAsync(message, cancellationToken);
        return sending.IsCompletedSuccessfully ? sending : AwaitAsync(sending);
    }

    public void OnMessage(in MessageView message)
    {
        recorder.Received(message);
        _sink!.OnMessage(message);
    }

    public void OnDisconnected(DisconnectInfo info)
    {
        recorder.SessionEnded(info);
        _sink!.OnDisconnected(info);
    }

    public ValueTask CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async ValueTask AwaitAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            recorder.SendFailed(error);
            throw;
        }
    }
}
