using System.Net.WebSockets;
using Protocol.Tests.Network;

namespace Protocol.Benchmarks.Sending;

/// <summary>
/// Just enough of an Engine.IO v4 / Socket.IO v5 server on 127.0.0.1 for send benchmarks: the open packet, <c>40</c>
/// answered with <c>40{"sid":…}</c>, then every frame read and discarded (counted). It never pings, and its heartbeat
/// numbers are large, so a long benchmark is not ended by a watchdog.
/// </summary>
internal sealed class SocketIODiscardServer : IAsyncDisposable
{
    private const string OpenPacket = "0{\"sid\":\"bench\",\"upgrades\":[],\"pingInterval\":600000,\"pingTimeout\":600000,\"maxPayload\":1000000}";

    private readonly LoopbackWebSocketServer _server = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private long _frames;

    public SocketIODiscardServer() => _serving = ServeAsync();

    /// <summary>The server's root, as a Socket.IO client takes it.</summary>
    public Uri HttpUri => _server.HttpUri;

    /// <summary>The Engine.IO WebSocket address.</summary>
    public Uri EngineIOUri => new($"ws://127.0.0.1:{_server.Port}/socket.io/?EIO=4&transport=websocket");

    /// <summary>Frames received after the namespace CONNECT, from every client.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.DisposeAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            WebSocket socket;
            try
            {
                (socket, _) = await _server.NextClientAsync();
            }
            catch (TimeoutException)
            {
                continue; // no client for a while: keep listening
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeClientAsync(socket));
        }
    }

    private async Task ServeClientAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            await LoopbackWebSocketServer.SendTextAsync(socket, OpenPacket);
            var length = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(Math.Min(length, buffer.Length - 1)), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text && length >= 2 && buffer[0] == (byte)'4' && buffer[1] == (byte)'0')
                {
                    await LoopbackWebSocketServer.SendTextAsync(socket, "40{\"sid\":\"bench-socket\"}");
                }
                else
                {
                    Interlocked.Increment(ref _frames);
                }

                length = 0;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or System.Net.HttpListenerException)
        {
            // The client went away or the server stops.
        }
    }
}
