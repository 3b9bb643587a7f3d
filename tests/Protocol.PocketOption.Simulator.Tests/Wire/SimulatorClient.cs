using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Protocol.Messaging;
using Protocol.SocketIO;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Wire;

/// <summary>Protocol.SocketIO's client on the simulator's endpoint, recording every message for the test to await.</summary>
public sealed class SimulatorClient : IAsyncDisposable
{
    public const string DemoAuth = """{"session":"demo-token-1234567890","isDemo":1,"uid":4242,"platform":2,"isFastHistory":true,"isOptimized":true}""";

    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>();
    private readonly TaskCompletionSource<string> _namespaceLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SimulatorClient(Uri endpoint)
    {
        Connection = new SocketIOConnection(new SocketIOOptions { ServerUri = endpoint, OnMessage = Record });
        Connection.NamespaceDisconnected += ns => _namespaceLeft.TrySetResult(ns);
    }

    public SocketIOConnection Connection { get; }

    /// <summary>Completes with the namespace the server disconnected the client from (a <c>41</c>).</summary>
    public Task<string> NamespaceLeft => _namespaceLeft.Task;

    public static async Task<SimulatorClient> ConnectAsync(PocketOptionSimulator simulator)
    {
        var client = new SimulatorClient(simulator.Endpoint);
        await client.Connection.ConnectAsync().WithSafetyNet();
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

    public Task EmitAsync(string name, string argumentsJson = "") => Connection.EmitAsync(name, Encoding.UTF8.GetBytes(argumentsJson)).WithSafetyNet();

    /// <summary>The next event, whatever its name (control packets such as CONNECT are skipped).</summary>
    public async Task<Received> NextAsync()
    {
        while (true)
        {
            var message = await _inbox.Reader.ReadAsync().AsTask().WithSafetyNet();
            if (message.Kind == MessageKind.Event)
            {
                return message;
            }
        }
    }

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
            if (message.Kind == MessageKind.Event)
            {
                list.Add(message);
            }
        }

        return list;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void Record(MessageView view)
    {
        using var doc = JsonDocument.Parse(view.Payload.IsEmpty ? "null"u8.ToArray() : view.Payload.ToArray());
        var attachments = new byte[view.Attachments.Length][];
        for (var i = 0; i < attachments.Length; i++)
        {
            attachments[i] = view.Attachments[i].ToArray();
        }

        _inbox.Writer.TryWrite(new Received(view.Kind, Encoding.UTF8.GetString(view.Name), doc.RootElement.Clone(), attachments));
    }
}
