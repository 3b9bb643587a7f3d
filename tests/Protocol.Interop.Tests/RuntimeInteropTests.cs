using System.Collections.Concurrent;
using System.Text;
using Protocol.Interop.Tests.Fixture;
using Protocol.SocketIO;

namespace Protocol.Interop.Tests;

/// <summary>The client runtime over the Socket.IO adapter, against the real socket.io server.</summary>
[Collection(PeerCollection.Name)]
public sealed class RuntimeInteropTests(PeerServerFixture peer)
{
    [Fact]
    public async Task The_runtime_reaches_ready_routes_reassembled_binary_events_and_reconnects_after_a_server_close()
    {
        var endpoint = new ConnectionEndpoint(new UriBuilder(peer.Server.Uri) { Scheme = "ws" }.Uri, "peer");
        var binaries = new ConcurrentQueue<byte[]>();
        var echoes = new ConcurrentQueue<string>();
        var readyCount = 0;
        var secondReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(SocketIOTransportConnection.Factory(o => o.ConnectTimeout = TimeSpan.FromSeconds(10)))
            .AddEndpoint(endpoint)
            .Configure(o => o.Reconnect.Base = TimeSpan.FromMilliseconds(50))
            .UseLogin(new GreetingLogin())
            .AddLightweightHandler("record", (message, _) =>
            {
                // The two-step form: the header names the event, the attachment arrives already reassembled.
                if (message.Name.SequenceEqual("bin"u8))
                {
                    binaries.Enqueue(message.Attachments[0].ToArray());
                }
                else if (message.Name.SequenceEqual("echo-back"u8) && message.TryGetArgumentReader(0, out var reader))
                {
                    echoes.Enqueue(reader.GetString()!);
                    echoed.TrySetResult();
                }
            })
            .Build();
        client.StateChanged += (_, change) =>
        {
            if (change.Current == ConnectionState.Ready && Interlocked.Increment(ref readyCount) == 2)
            {
                secondReady.TrySetResult();
            }
        };

        await client.ConnectAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));

        await client.SendAsync(OutgoingMessage.Text("42[\"echo\",\"through the runtime\"]"u8.ToArray()));
        await echoed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        echoes.ShouldBe(["through the runtime"]);

        // The server closes the whole Engine.IO session; the runner must notice, reconnect and log in again.
        await client.SendAsync(OutgoingMessage.Text("42[\"kick\",true]"u8.ToArray()));
        await secondReady.Task.WaitAsync(TimeSpan.FromSeconds(15));

        client.ConnectionState.ShouldBe(ConnectionState.Ready);
        client.TerminalError.ShouldBeNull();
        binaries.Count.ShouldBeGreaterThanOrEqualTo(1);
        foreach (var attachment in binaries)
        {
            attachment.ShouldBe(new byte[] { 1, 2, 3, 4 });
        }
    }

    /// <summary>"Logs in" by asking the peer to greet, and is Ready on its hello (the way a platform's auth reply works).</summary>
    private sealed class GreetingLogin : IPlatformLogin<object>
    {
        public ValueTask StartAsync(LoginContext<object> context, CancellationToken cancellationToken)
            => context.SendAsync(OutgoingMessage.Text(Encoding.UTF8.GetBytes("42[\"greet-me\"]")), cancellationToken);

        public LoginDecision OnMessage(MessageView message, LoginContext<object> context)
            => message.Kind == MessageKind.Event && message.Name.SequenceEqual("hello"u8) ? LoginDecision.Accept() : LoginDecision.Pending;
    }
}
