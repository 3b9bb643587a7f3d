// A stand-in Acme server on 127.0.0.1 (a free port): accepts one WebSocket client, fills orders up to 100, rejects larger ones, and
// answers a subscribe with two quotes. It stops when disposed.
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Acme
{
    /// <summary>The loopback server the sample's client talks to.</summary>
    public sealed class AcmeServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        private AcmeServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Url = $"ws://127.0.0.1:{port}/ws";
            _serving = ServeAsync();
        }

        /// <summary>The WebSocket URL.</summary>
        public string Url { get; }

        /// <summary>Starts a server.</summary>
        /// <returns>The running server.</returns>
        public static AcmeServer Start() => new();

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _serving.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // Stopping fails the pending accept or receive: that is how the loop ends.
            }

            _listener.Close();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            var context = await _listener.GetContextAsync();
            var socket = (await context.AcceptWebSocketAsync(null)).WebSocket;
            var buffer = new byte[16 * 1024];
            var orders = 0;
            while (!_stop.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var frame = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
                var data = frame.RootElement.GetProperty("data");
                switch (frame.RootElement.GetProperty("action").GetString())
                {
                    case "placeOrder":
                        var clientId = data.GetProperty("clientId").GetString();
                        var reply = data.GetProperty("amount").GetDecimal() > 100
                            ? $$$"""{"action":"orderRejected","data":{"clientId":"{{{clientId}}}","reason":"insufficient funds"}}"""
                            : $$$"""{"action":"orderAccepted","data":{"clientId":"{{{clientId}}}","orderId":"A-{{{++orders}}}","price":"1.0832"}}""";
                        await SendAsync(socket, reply);
                        break;
                    case "subscribe":
                        var symbol = data.GetProperty("symbol").GetString();
                        await SendAsync(socket, $$$"""{"action":"quote","data":{"symbol":"{{{symbol}}}","bid":"1.0831","ask":1.0833}}""");
                        await SendAsync(socket, $$$"""{"action":"quote","data":{"symbol":"{{{symbol}}}","bid":1.0832,"ask":"1.0834"}}""");
                        break;
                }
            }
        }

        private Task SendAsync(WebSocket socket, string text) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _stop.Token);
    }
}
