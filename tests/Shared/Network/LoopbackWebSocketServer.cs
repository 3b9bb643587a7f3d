using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Protocol.Tests.Network;

/// <summary>
/// A raw WebSocket server on 127.0.0.1 and a free port (HttpListener): accepts clients on any path and hands each
/// socket to the test, which plays the server frame by frame (well-behaved or hostile). Every wait has a real-time
/// safety net so a broken test fails instead of hanging.
/// </summary>
internal sealed class LoopbackWebSocketServer : IAsyncDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    private readonly HttpListener _listener = new();
    private readonly Channel<(WebSocket Socket, HttpListenerRequest Request)> _clients = Channel.CreateUnbounded<(WebSocket, HttpListenerRequest)>();
    private readonly Task _accepting;

    public LoopbackWebSocketServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        Uri = new Uri($"ws://127.0.0.1:{Port}/ws");
        _accepting = AcceptAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>A <c>ws://</c> address on the server (path <c>/ws</c>; any path is accepted).</summary>
    public Uri Uri { get; }

    /// <summary>The server's root as <c>http://</c> (what a Socket.IO client takes as its server URI).</summary>
    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    public async Task<(WebSocket Socket, HttpListenerRequest Request)> NextClientAsync()
        => await _clients.Reader.ReadAsync().AsTask().WaitAsync(SafetyNet);

    public static async Task SendTextAsync(WebSocket socket, string text)
        => await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(SafetyNet);

    /// <summary>Sends any bytes as a text message, valid UTF-8 or not (the server side does not check).</summary>
    public static async Task SendRawTextAsync(WebSocket socket, byte[] bytes)
        => await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(SafetyNet);

    public static async Task SendBinaryAsync(WebSocket socket, byte[] bytes)
        => await socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(SafetyNet);

    /// <summary>
    /// Sends a large message in 512 KiB fragments. The server-side socket rents a send buffer of each fragment's size from
    /// ArrayPool&lt;byte&gt;.Shared, so whole multi-MiB sends would put big buffers there and blur what a test that watches
    /// the shared pool says about the client.
    /// </summary>
    public static async Task SendLargeAsync(WebSocket socket, byte[] bytes, WebSocketMessageType type)
    {
        const int Fragment = 512 * 1024 - 64;
        for (var offset = 0; offset < bytes.Length || offset == 0; offset += Fragment)
        {
            var length = Math.Min(Fragment, bytes.Length - offset);
            var last = offset + length >= bytes.Length;
            await socket.SendAsync(bytes.AsMemory(offset, length), type, last, CancellationToken.None).AsTask().WaitAsync(SafetyNet);
            if (last)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends fragments of one text message that never ends, until the client goes away or <paramref name="maxFragments"/>
    /// were sent. Returns how many fragments went out.
    /// </summary>
    public static async Task<int> SendEndlessFragmentsAsync(WebSocket socket, int fragmentSize, int maxFragments)
    {
        var fragment = Encoding.ASCII.GetBytes(new string('x', fragmentSize));
        fragment[0] = (byte)'4';
        var sent = 0;
        try
        {
            while (sent < maxFragments)
            {
                await socket.SendAsync(fragment, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None).WaitAsync(SafetyNet);
                sent++;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or HttpListenerException)
        {
            // The client aborted: that is the point.
        }
        catch (TimeoutException)
        {
            // The client stopped reading without closing the socket: the send blocked. Free it and report the count.
            socket.Abort();
        }

        return sent;
    }

    /// <summary>
    /// Closes with any status code (including 4000-4999, application-defined) and a reason, waits for the client's
    /// answering close, then drops the TCP connection (a client socket otherwise waits a second for the server to do so).
    /// </summary>
    public static async Task CloseAsync(WebSocket socket, int status, string reason)
    {
        await socket.CloseOutputAsync((WebSocketCloseStatus)status, reason, CancellationToken.None).WaitAsync(SafetyNet);
        try
        {
            while ((await ReceiveAsync(socket)).Type != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or HttpListenerException)
        {
            // The client may abort instead of answering: either way the close is done.
        }

        socket.Dispose();
    }

    public static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(SafetyNet);
            count += result.Count;
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, buffer[..count]);
            }
        }
    }

    public static async Task<string> ReceiveTextAsync(WebSocket socket)
    {
        var (type, bytes) = await ReceiveAsync(socket);
        return type == WebSocketMessageType.Close ? "<close>" : Encoding.UTF8.GetString(bytes);
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
