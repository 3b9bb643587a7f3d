using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Protocol.Core.Tests.Connections;

// A tiny WebSocket server on 127.0.0.1 (HttpListener): accepts one client at a time and lets the test script it.
public sealed class LoopbackWebSocketServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<(WebSocket Socket, HttpListenerRequest Request)> _clients = Channel.CreateUnbounded<(WebSocket, HttpListenerRequest)>();
    private readonly Task _accepting;

    public LoopbackWebSocketServer()
    {
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Uri = new Uri($"ws://127.0.0.1:{port}/ws");
        _accepting = AcceptAsync();
    }

    public Uri Uri { get; }

    public async Task<(WebSocket Socket, HttpListenerRequest Request)> NextClientAsync()
        => await _clients.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public static async Task SendTextAsync(WebSocket socket, string text)
        => await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            count += result.Count;
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, buffer[..count]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Stopping the listener fails the pending accept: that is how the loop ends.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            if (!context.Request.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                context.Response.Close();
                continue;
            }

            var ws = await context.AcceptWebSocketAsync(null);
            _clients.Writer.TryWrite((ws.WebSocket, context.Request));
        }
    }
}
