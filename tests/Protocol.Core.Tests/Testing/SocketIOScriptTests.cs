using System.Text;
using Microsoft.Extensions.Time.Testing;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Scripts;

namespace Protocol.Core.Tests.Testing;

// Scripts in Socket.IO wire form: every frame decoded by the real codec, nothing dropped silently.
public sealed class SocketIOScriptTests
{
    [Fact]
    public async Task One_step_and_two_step_frames_reach_the_client_as_the_same_message()
    {
        var (client, transport, seen) = await ReadyAsync();
        await using var _ = client;
        var connection = transport.Current!;

        await ScriptedExchange.Parse("""
            < 42["quote",{"p":1}]
            < 451-["quote",{"_placeholder":true,"num":0}]
            < bin: 7b 22 70 22 3a 32 7d
            """).RunAsync(connection);

        seen.ShouldBe([("quote", """["quote",{"p":1}]""", 0), ("quote", """["quote",{"_placeholder":true,"num":0}]""", 1)]);
    }

    [Fact]
    public async Task A_frame_of_another_envelope_fails_the_script_at_its_line_with_the_reason()
    {
        await using var h = new Harness(); // a JSON-action platform
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();

        var error = await Should.ThrowAsync<ScriptMismatchException>(ScriptedExchange.Parse("""
            > {"action":"login","token":"secret-token"}
            < 42["loginOk"]
            """).RunAsync(connection));

        error.Step.Line.ShouldBe(2);
        error.Message.ShouldContain("is not a JSON action");
        error.Message.ShouldContain("FakeEnvelope.SocketIO");
    }

    [Theory]
    [InlineData("< 2", "Engine.IO control packet")]
    [InlineData("< 42[\"x\"", "not a valid Socket.IO packet")]
    [InlineData("< bin: 01 02", "no binary header waiting")]
    [InlineData("< hello", "not an Engine.IO packet")]
    public async Task A_frame_the_socket_io_envelope_cannot_decode_fails_with_the_reason(string line, string reason)
    {
        var (client, transport, _) = await ReadyAsync();
        await using var __ = client;

        var error = await Should.ThrowAsync<ScriptMismatchException>(ScriptedExchange.Parse(line).RunAsync(transport.Current!));

        error.Step.Line.ShouldBe(1);
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task A_script_that_ends_while_a_header_waits_for_attachments_fails_at_the_header()
    {
        var (client, transport, seen) = await ReadyAsync();
        await using var _ = client;

        var error = await Should.ThrowAsync<ScriptMismatchException>(ScriptedExchange.Parse("""
            < 452-["quote",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]
            < b64:AQ==
            """).RunAsync(transport.Current!));

        error.Step.Line.ShouldBe(1);
        error.Message.ShouldContain("still waits for 1 attachment");
        seen.ShouldBeEmpty();
    }

    [Fact]
    public async Task Outgoing_attachments_are_listed_after_their_header_and_a_missing_one_fails()
    {
        var (client, transport, _) = await ReadyAsync();
        await using var _ = client;
        var header = """451-["upload",{"_placeholder":true,"num":0}]""";

        await client.SendAsync(OutgoingMessage.WithAttachments(Encoding.UTF8.GetBytes(header), new ReadOnlyMemory<byte>[] { new byte[] { 1, 2, 255 } }));
        await ScriptedExchange.Parse($"""
            > {header}
            > bin: 01 02 ff
            """).RunAsync(transport.Current!);

        await client.SendAsync(OutgoingMessage.WithAttachments(Encoding.UTF8.GetBytes(header), new ReadOnlyMemory<byte>[] { new byte[] { 1, 2, 255 } }));
        var missing = await Should.ThrowAsync<ScriptMismatchException>(ScriptedExchange.Parse($"> {header}").RunAsync(transport.Current!));
        missing.Message.ShouldContain("carried 1 attachment(s) but the script lists 0");

        await client.SendAsync(OutgoingMessage.WithAttachments(Encoding.UTF8.GetBytes(header), new ReadOnlyMemory<byte>[] { new byte[] { 7 } }));
        var wrong = await Should.ThrowAsync<ScriptMismatchException>(ScriptedExchange.Parse($"""
            > {header}
            > bin: 08
            """).RunAsync(transport.Current!));
        wrong.Step.Line.ShouldBe(2);
        wrong.Message.ShouldContain("bin: 07");
    }

    [Fact]
    public async Task Something_the_client_sent_that_no_line_expects_fails_the_script()
    {
        var (client, transport, _) = await ReadyAsync();
        await using var _ = client;

        await client.SendAsync(OutgoingMessage.Text("""42["ps"]"""));
        var error = await Should.ThrowAsync<ScriptMismatchException>(ScriptedExchange.Parse("""< 42["quote",{"p":1}]""").RunAsync(transport.Current!));

        error.Message.ShouldContain("""the client also sent 42["ps"]""");
    }

    [Theory]
    [InlineData("< bin: 0g")]
    [InlineData("< bin: 012")]
    [InlineData("> b64:@@@")]
    public void A_binary_line_that_is_neither_hex_nor_base64_is_rejected_with_its_number(string line)
        => Should.Throw<FormatException>(() => ScriptedExchange.Parse("# first\n" + line)).Message.ShouldContain("line 2");

    [Fact]
    public async Task A_fake_clock_timeout_that_nobody_advances_fails_in_real_seconds_through_the_safety_net()
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        await using var client = new ClientBuilder<ReadmeLoginTests.AccountState>(new ReadmeLoginTests.AccountState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/socket.io/"))
            .UseTimeProvider(new FakeTimeProvider())
            .UseLogin(new ReadmeLoginTests.AuthLogin())
            .Build();
        await client.ConnectAsync();
        await transport.NextConnectionAsync();

        // The login is never answered and the fake clock never moves: without the net this awaits forever.
        var error = await Should.ThrowAsync<SafetyNetTimeoutException>(client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet(TimeSpan.FromMilliseconds(200)));

        error.Message.ShouldContain("client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2))");
        error.Message.ShouldContain("advance");
    }

    [Fact]
    public async Task The_safety_net_lets_the_operations_own_outcome_through()
    {
        (await Task.FromResult(7).WithSafetyNet()).ShouldBe(7);
        await Should.ThrowAsync<LoginRejectedException>(Task.FromException(new LoginRejectedException("no")).WithSafetyNet());
        var ownTimeout = new TimeoutException("the operation's own timeout");
        (await Should.ThrowAsync<TimeoutException>(Task.FromException(ownTimeout).WithSafetyNet())).ShouldBeSameAs(ownTimeout);
    }

    // Ready over Socket.IO frames, with a raw handler that records every event's name, payload and attachment count.
    private static async Task<(Client<ReadmeLoginTests.AccountState> Client, FakeTransport Transport, List<(string Name, string Payload, int Attachments)> Seen)> ReadyAsync()
    {
        var seen = new List<(string, string, int)>();
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var client = new ClientBuilder<ReadmeLoginTests.AccountState>(new ReadmeLoginTests.AccountState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/socket.io/"))
            .UseTimeProvider(new FakeTimeProvider())
            .UseLogin(new ReadmeLoginTests.AuthLogin())
            .AddMiddleware(new Recorder(seen))
            .Build();
        await client.ConnectAsync();
        var connection = await transport.NextConnectionAsync();
        await ScriptedExchange.Parse("""
            > 42["auth",{"session":"demo-session","isDemo":1}]
            < 42["successauth",{"uid":1}]
            """).RunAsync(connection);
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
        lock (seen)
        {
            seen.Clear();
        }

        return (client, transport, seen);
    }

    private sealed class Recorder(List<(string Name, string Payload, int Attachments)> seen) : Protocol.ClientMiddleware<ReadmeLoginTests.AccountState>
    {
        public override void OnReceive(Protocol.MiddlewareContext<ReadmeLoginTests.AccountState> context, MessageView message)
        {
            if (message.Kind == MessageKind.Event)
            {
                lock (seen)
                {
                    seen.Add((Encoding.UTF8.GetString(message.Name), Encoding.UTF8.GetString(message.Payload), message.Attachments.Length));
                }
            }
        }
    }
}
