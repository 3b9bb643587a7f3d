using System.Net.WebSockets;

namespace Protocol.Server.Sessions;

// How a server session closes its WebSocket, for both envelopes.
internal static class ServerSocketClosing
{
    // The end of a session: the close frame with its status, bounded by `limit`; a socket that cannot take it is aborted.
    public static async Task CloseOutputAsync(WebSocket socket, WebSocketCloseStatus status, TimeSpan limit, TimeProvider time)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(limit, time);
        try
        {
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    // The end of a session once its handlers are done: no more frames, the close frame with its status, the writer
    // stopped, and whatever was still queued failed as never sent.
    public static async Task FinishAsync(WebSocket socket, WebSocketCloseStatus status, FrameSendQueue queue, Task writer, CancellationTokenSource stop, TimeSpan limit, TimeProvider time)
    {
        queue.Complete();
        await CloseOutputAsync(socket, status, limit, time).ConfigureAwait(false);
        stop.Cancel();
        await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        queue.FailPending(new ConnectionLostException("The session closed before the frame was sent; nothing was sent."));
    }

    // A close the server decides: what is queued goes out (the writer drains it), then the close frame (`status`), and
    // the receive loop reads on until the client's close answers it (`completion`). Cancelling a pending receive would
    // abort the WebSocket instead, and the client would see a reset, possibly before the last frames. A client that
    // does not answer within `limit` is stopped the hard way (`stop`). This runs on its own and may finish after the
    // session did: `stop` is the session's guarded stop, a no-op once the session has let go of its resources.
    public static async Task CloseGracefullyAsync(
        WebSocket socket, FrameSendQueue queue, Task writer, Task completion, Action stop, TimeSpan limit, TimeProvider time, TaskCompletionSource? closeSent = null,
        WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        using var timeout = new CancellationTokenSource(limit, time);
        try
        {
            queue.Complete();
            await writer.WaitAsync(timeout.Token).ConfigureAwait(false);
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
            closeSent?.TrySetResult();
            await completion.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // No answer in time, or the socket broke meanwhile: end it the hard way.
        }
        finally
        {
            closeSent?.TrySetResult();
            stop();
        }
    }
}
