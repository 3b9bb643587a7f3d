using System.Text;
using Protocol.Core.Tests.Connections;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;

namespace Protocol.Core.Tests.Testing;

// The test kit's Socket.IO fake delivers what the real transport delivers: the same argument layout for a frame and for
// explicit fields, and control packets as the connection treats them (the runtime never sees a Socket.IO kind).
public sealed class FakeSocketIOEnvelopeTests
{
    [Fact]
    public async Task A_pushed_event_reads_its_arguments_after_the_name_as_a_pushed_frame_does()
    {
        var (connection, sink) = await ConnectAsync();
        var arguments = new List<string>();
        sink.OnView = view =>
        {
            for (var i = 0; view.TryGetArgument(i, out var json); i++)
            {
                arguments.Add(Encoding.UTF8.GetString(json));
            }
        };

        connection.Push(MessageKind.Event, "ev", """["ev",1,{"_placeholder":true,"num":0}]""", null, 3, Encoding.UTF8.GetBytes("\"bin\""));
        var fromFields = arguments.ToArray();
        arguments.Clear();
        connection.PushText("""451-3["ev",1,{"_placeholder":true,"num":0}]""");
        connection.PushBinary("\"bin\""u8);

        fromFields.ShouldBe(["1", "\"bin\""]);
        arguments.ShouldBe(fromFields);
    }

    [Fact]
    public async Task A_namespace_disconnect_ends_the_session_once_and_a_connect_is_not_a_message()
    {
        var (connection, sink) = await ConnectAsync();
        connection.PushText("""40{"sid":"again"}""");
        sink.Count.ShouldBe(0);

        connection.PushText("41");

        var info = await sink.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        info.Reason.ShouldBe(DisconnectReason.ClosedByServer);
        info.Description.ShouldNotBeNull().ShouldContain("namespace '/'");
        connection.IsOpen.ShouldBeFalse();
        connection.Drop();
        sink.DisconnectCount.ShouldBe(1);
        sink.Count.ShouldBe(0);
    }

    [Fact]
    public async Task TryPushText_delivers_while_open_and_reports_a_frame_that_came_after_the_close_instead_of_throwing()
    {
        var (connection, sink) = await ConnectAsync();
        connection.TryPushText("""42["ev",1]""").ShouldBeTrue();
        sink.Count.ShouldBe(1);

        await connection.CloseAsync(CancellationToken.None);
        connection.TryPushText("41").ShouldBeFalse();
        sink.Count.ShouldBe(1);
        sink.DisconnectCount.ShouldBe(1);
        Should.Throw<InvalidOperationException>(() => connection.PushText("41"));
    }

    [Fact]
    public async Task Closed_completes_at_a_drop_and_Disposed_only_once_the_client_disposed_the_connection()
    {
        var (connection, _) = await ConnectAsync();
        connection.Drop();
        await connection.Closed.WithSafetyNet();
        connection.Disposed.IsCompleted.ShouldBeFalse("a dropped connection is still the client's to tear down");

        await connection.DisposeAsync();
        await connection.Disposed.WithSafetyNet();
    }

    [Fact]
    public async Task A_connect_error_is_refused_with_what_to_do_instead()
    {
        var (connection, _) = await ConnectAsync();
        Should.Throw<FakeFrameException>(() => connection.PushText("""44{"message":"no"}""")).Message.ShouldContain("FakeConnection.Drop()");
    }

    private static async Task<(FakeConnection Connection, RecordingSink Sink)> ConnectAsync()
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var connection = (FakeConnection)transport.CreateConnection();
        var sink = new RecordingSink();
        await connection.ConnectAsync(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket"), sink, CancellationToken.None);
        return (connection, sink);
    }
}
