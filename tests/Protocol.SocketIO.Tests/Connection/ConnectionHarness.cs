using Protocol.SocketIO.Tests.Transport;
using Microsoft.Extensions.Time.Testing;
using Protocol.Testing.Time;

namespace Protocol.SocketIO.Tests.Connection;

/// <summary>A connection over an in-memory transport on a fake clock (pingInterval 1000 ms + pingTimeout 500 ms).</summary>
internal sealed class ConnectionHarness : IAsyncDisposable
{
    public const string OpenPacket = "0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":1000,\"pingTimeout\":500,\"maxPayload\":1000000}";

    public ConnectionHarness(SocketIOMessageHandler? handler = null, Action<SocketIOOptions>? configure = null)
    {
        Options = new SocketIOOptions
        {
            ServerUri = new Uri("http://127.0.0.1:1/"),
            TimeProvider = Clock,
            TransportFactory = new InMemoryTransportFactory(Transport),
            OnMessage = handler,
        };
        configure?.Invoke(Options);
        Connection = new SocketIOConnection(Options);
    }

    public TimerCountingTimeProvider Clock { get; } = new();

    public InMemoryFrameTransport Transport { get; } = new();

    public SocketIOOptions Options { get; }

    public SocketIOConnection Connection { get; }

    /// <summary>Runs the handshake and accepts every namespace in the options.</summary>
    public async Task OpenAsync()
    {
        Transport.PushText(OpenPacket);
        var connecting = Connection.ConnectAsync();
        foreach (var ns in Options.Namespaces)
        {
            var sent = await Transport.NextSentTextAsync();
            var prefix = ns.Name == "/" ? "40" : $"40{ns.Name},";
            sent.ShouldStartWith(prefix);
            Transport.PushText(ns.Name == "/" ? "40{\"sid\":\"s1\"}" : $"40{ns.Name},{{\"sid\":\"s2\"}}");
        }

        await connecting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The next namespace the server disconnects (subscribe before pushing the DISCONNECT).</summary>
    public Task<string> NextNamespaceDisconnectAsync()
    {
        var left = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Connection.NamespaceDisconnected += name => left.TrySetResult(name);
        return left.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<SocketIODisconnectInfo> WaitClosedAsync() => await Connection.Completion.WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

/// <summary>Collects copies of what the handler saw.</summary>
internal sealed class RecordingHandler
{
    private readonly List<(MessageKind Kind, string Name, string Namespace, long AckId, string Payload, int Attachments)> _seen = [];
    private readonly SemaphoreSlim _signal = new(0);

    public void Handle(MessageView view)
    {
        lock (_seen)
        {
            _seen.Add((view.Kind, System.Text.Encoding.UTF8.GetString(view.Name), System.Text.Encoding.UTF8.GetString(view.GetNamespace()), view.GetAckId() ?? -1, System.Text.Encoding.UTF8.GetString(view.Payload), view.Attachments.Length));
        }

        _signal.Release();
    }

    public int Count
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count;
            }
        }
    }

    public async Task<(MessageKind Kind, string Name, string Namespace, long AckId, string Payload, int Attachments)> NextAsync(MessageKind? kind = null)
    {
        var index = 0;
        while (true)
        {
            (await _signal.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the handler saw no further message");
            lock (_seen)
            {
                for (; index < _seen.Count; index++)
                {
                    if (kind is null || _seen[index].Kind == kind)
                    {
                        var found = _seen[index];
                        _seen.RemoveRange(0, index + 1);
                        return found;
                    }
                }

                _seen.Clear();
                index = 0;
            }
        }
    }
}
