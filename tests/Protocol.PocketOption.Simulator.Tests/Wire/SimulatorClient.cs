using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Protocol.PocketOption.Simulator.Connections;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Wire;

/// <summary>
/// A raw WebSocket client speaking the frames of the notes' §1 to the simulator (as the reference client does, without a
/// Socket.IO library): it answers pings, joins <c>/</c>, emits <c>42[…]</c> and records every event, reassembling
/// two-step ones (<c>45N-[…]</c> and its N binary frames). Every wait has a safety net.
/// </summary>
public sealed class SimulatorClient : IAsyncDisposable
{
    public const string DemoAuth = """{"session":"demo-token-1234567890","isDemo":1,"uid":4242,"platform":2,"isFastHistory":true,"isOptimized":true}""";

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>();
    private readonly TaskCompletionSource<JsonElement> _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _namespaceLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _pings = Channel.CreateUnbounded<bool>();
    private int _pingCount;
    private bool _answerPings = true;
    private volatile bool _sawCloseFrame;
    private Task _receiving = Task.CompletedTask;

    /// <summary>The Engine.IO open packet's JSON (<c>sid</c>, <c>pingInterval</c>, …).</summary>
    public JsonElement Open => _open.Task.Result;

    /// <summary>The socket id of the CONNECT ack (<c>40{"sid":…}</c>).</summary>
    public string SocketId => _joined.Task.Result;

    /// <summary>Completes when the server sent a namespace DISCONNECT (<c>41</c>).</summary>
    public Task NamespaceLeft => _namespaceLeft.Task;

    /// <summary>Completes when the connection ended (a close frame or a reset).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Whether the connection ended with the server's WebSocket close frame (false: a reset, or not ended).</summary>
    public bool SawCloseFrame => _sawCloseFrame;

    /// <summary>How many Engine.IO pings (<c>2</c>) the server sent (each answered with <c>3</c>).</summary>
    public int PingCount => Volatile.Read(ref _pingCount);

    /// <summary>Waits for the next server ping (already answered).</summary>
    public Task NextPingAsync() => _pings.Reader.ReadAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

    /// <summary>Sends the client's WebSocket close frame and waits for the connection to end (the server's close or a reset).</summary>
    public async Task CloseAsync()
    {
        await _sendGate.WaitAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        }
        finally
        {
            _sendGate.Release();
        }

        await Closed.WithSafetyNet(SafetyNet.NetworkLimit);
    }

    /// <summary>Connects to the simulator and joins <c>/</c>; with <paramref name="answerPings"/> false it never pongs (a dead client).</summary>
    /// <remarks>
    /// Returns once the simulator has registered the connection too: the server answers the join (<c>40</c>) before it runs the
    /// simulator's connection handler, so a test that looked at <see cref="PocketOptionSimulator.Connections"/> right after the
    /// join could miss this client.
    /// </remarks>
    public static async Task<SimulatorClient> ConnectAsync(PocketOptionSimulator simulator, bool answerPings = true)
    {
        var opened = new ConcurrentDictionary<string, bool>();
        // Not disposed: a handler invocation already under way when this unsubscribes may still release it.
        var anyOpened = new SemaphoreSlim(0);
        void OnOpened(SimulatorConnection connection)
        {
            opened[connection.Id] = true;
            anyOpened.Release();
        }

        simulator.ConnectionOpened += OnOpened;
        try
        {
            var client = await ConnectAsync(simulator.Endpoint, answerPings);
            while (!opened.ContainsKey(client.SocketId))
            {
                if (!await anyOpened.WaitAsync(SafetyNet.NetworkLimit))
                {
                    throw new TimeoutException($"The simulator did not register connection {client.SocketId} within {SafetyNet.NetworkLimit} of its join.");
                }
            }

            return client;
        }
        finally
        {
            simulator.ConnectionOpened -= OnOpened;
        }
    }

    /// <summary>Connects to a simulator at <paramref name="endpoint"/> and joins <c>/</c>.</summary>
    public static async Task<SimulatorClient> ConnectAsync(Uri endpoint, bool answerPings = true)
    {
        var client = new SimulatorClient { _answerPings = answerPings };
        await client._socket.ConnectAsync(endpoint, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        client._receiving = client.ReceiveLoopAsync();
        await client._open.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        await client.SendTextAsync("40");
        await client._joined.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        return client;
    }

    /// <summary>Connects and logs in with <paramref name="auth"/>, returning once <c>successauth</c>, the balance, the assets and the deal lists came.</summary>
    public static async Task<SimulatorClient> LoginAsync(PocketOptionSimulator simulator, string auth = DemoAuth)
    {
        var client = await ConnectAsync(simulator);
        await client.EmitAsync("auth", auth);
        await client.NextEventAsync("successauth");
        await client.NextEventAsync("successupdateBalance");
        await client.NextEventAsync("updateAssets");
        await client.NextEventAsync("updateOpenedDeals");
        await client.NextEventAsync("updateClosedDeals");
        return client;
    }

    /// <summary>Sends <c>42["name",args]</c> (or <c>42["name"]</c> without arguments).</summary>
    public Task EmitAsync(string name, string argumentsJson = "")
        => SendTextAsync(argumentsJson.Length == 0 ? $"42[{JsonSerializer.Serialize(name)}]" : $"42[{JsonSerializer.Serialize(name)},{argumentsJson}]");

    /// <summary>Sends one text frame as it is (an SSID is a whole <c>42["auth",{…}]</c> frame).</summary>
    public Task SendRawAsync(string frame) => SendTextAsync(frame);

    /// <summary>The next event, whatever its name.</summary>
    public Task<Received> NextAsync() => _inbox.Reader.ReadAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

    /// <summary>The next event named <paramref name="name"/> (others are skipped).</summary>
    public async Task<Received> NextEventAsync(string name)
    {
        while (true)
        {
            var message = await NextAsync();
            if (message.Name == name)
            {
                return message;
            }
        }
    }

    /// <summary>The events that arrived and wait, without waiting.</summary>
    public List<Received> Drain()
    {
        var list = new List<Received>();
        while (_inbox.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException or IOException)
            {
                // Already gone: a server abort can kill the socket while its state still reads Open (the close then fails
                // as a cancelled send over a closed stream).
            }
        }

        _stop.Cancel();
        await _receiving.WithSafetyNet(SafetyNet.NetworkLimit);
        _socket.Dispose();
        _stop.Dispose();
        _sendGate.Dispose();
    }

    private async Task SendTextAsync(string text)
    {
        await _sendGate.WaitAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        (string Frame, JsonElement Payload, int Expected, List<byte[]> Parts)? binary = null;
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _sawCloseFrame = true;
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    var (frame, payload, expected, parts) = binary ?? throw new InvalidDataException("A binary frame came without a 45N- header before it.");
                    parts.Add(message.ToArray());
                    if (parts.Count == expected)
                    {
                        binary = null;
                        _inbox.Writer.TryWrite(new Received(frame, payload, [.. parts]));
                    }

                    continue;
                }

                var text = Encoding.UTF8.GetString(message.ToArray());
                if (text == "2")
                {
                    Interlocked.Increment(ref _pingCount);
                    if (_answerPings)
                    {
                        await SendTextAsync("3");
                    }

                    _pings.Writer.TryWrite(true);
                }
                else if (text.StartsWith("0{", StringComparison.Ordinal))
                {
                    _open.TrySetResult(Parse(text[1..]));
                }
                else if (text.StartsWith("40{", StringComparison.Ordinal))
                {
                    _joined.TrySetResult(Parse(text[2..]).GetProperty("sid").GetString()!);
                }
                else if (text == "41")
                {
                    _namespaceLeft.TrySetResult();
                }
                else if (text.StartsWith("42[", StringComparison.Ordinal))
                {
                    _inbox.Writer.TryWrite(new Received(text, Parse(text[2..]), []));
                }
                else if (text.StartsWith("45", StringComparison.Ordinal))
                {
                    var dash = text.IndexOf('-', StringComparison.Ordinal);
                    binary = (text, Parse(text[(dash + 1)..]), int.Parse(text[2..dash], System.Globalization.CultureInfo.InvariantCulture), []);
                }
                else
                {
                    throw new InvalidDataException($"The simulator sent a frame this client does not know: {text}");
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Closed by the test or by the server.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
