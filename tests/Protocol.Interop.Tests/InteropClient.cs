using Protocol.SocketIO;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Protocol.Interop.Tests;

/// <summary>One received message, copied out of the view: parsed JSON payload and attachment bytes.</summary>
public sealed record Received(MessageKind Kind, string Name, string Namespace, long AckId, JsonElement Payload, byte[][] Attachments)
{
    /// <summary>Data argument <paramref name="index"/> (after the event name for events).</summary>
    public JsonElement Arg(int index) => Payload[Kind == MessageKind.Event ? index + 1 : index];
}

/// <summary>A connection to the peer that records every message for the test to await.</summary>
public sealed class InteropClient : IAsyncDisposable
{
    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>();

    public InteropClient(Uri server, Action<SocketIOOptions>? configure = null, SocketIOMessageHandler? extra = null)
    {
        Options = new SocketIOOptions { ServerUri = server, OnMessage = view => { extra?.Invoke(view); Record(view); } };
        configure?.Invoke(Options);
        Connection = new SocketIOConnection(Options);
    }

    public SocketIOOptions Options { get; }

    public SocketIOConnection Connection { get; }

    public static async Task<InteropClient> ConnectAsync(Uri server, Action<SocketIOOptions>? configure = null, SocketIOMessageHandler? extra = null)
    {
        var client = new InteropClient(server, configure, extra);
        await client.Connection.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    /// <summary>Waits for the next message of <paramref name="kind"/>.</summary>
    public async Task<Received> NextAsync(MessageKind kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _inbox.Reader.ReadAsync(timeout.Token);
            if (message.Kind == kind)
            {
                return message;
            }
        }
    }

    /// <summary>Waits for the next event named <paramref name="name"/> (others are skipped).</summary>
    public async Task<Received> NextEventAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _inbox.Reader.ReadAsync(timeout.Token);
            if (message.Kind == MessageKind.Event && message.Name == name)
            {
                return message;
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void Record(MessageView view)
    {
        if (view.Kind is MessageKind.Event && view.Name.SequenceEqual("tick"u8))
        {
            return; // floods are counted by the test's own handler
        }

        using var doc = JsonDocument.Parse(view.Payload.IsEmpty ? "null"u8.ToArray() : view.Payload.ToArray());
        var attachments = new byte[view.Attachments.Length][];
        for (var i = 0; i < attachments.Length; i++)
        {
            attachments[i] = view.Attachments[i].ToArray();
        }

        _inbox.Writer.TryWrite(new Received(view.Kind, Encoding.UTF8.GetString(view.Name), Encoding.UTF8.GetString(view.GetNamespace()), view.GetAckId() ?? -1, doc.RootElement.Clone(), attachments));
    }
}
