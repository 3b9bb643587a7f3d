using System.Collections.Concurrent;
using Protocol.Server.SocketIO;
using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Server;

/// <summary><see cref="SocketIOServerNamespace.OnConnection(Action{SocketIOServerSocket})"/>: handlers add up, as socket.io's <c>io.on("connection")</c>.</summary>
public sealed class SocketIOConnectionHandlerTests
{
    [Fact]
    public async Task Every_connection_handler_runs_in_the_order_added_and_one_that_throws_does_not_stop_the_next()
    {
        await using var server = new SocketIOServer();
        var ran = new ConcurrentQueue<string>();
        server.Of("/")
            .OnConnection(socket =>
            {
                ran.Enqueue("first");
                socket.On("who-ran", e => e.AckAsync(System.Text.Json.JsonSerializer.Serialize(ran.ToArray())));
            })
            .OnConnection(async socket =>
            {
                await Task.Yield();
                ran.Enqueue("second, asynchronous");
            })
            .OnConnection(_ =>
            {
                ran.Enqueue("third, throws");
                throw new InvalidOperationException("a broken connection handler");
            })
            .OnConnection(_ => ran.Enqueue("fourth"));
        await using var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
        (await connection.ReceiveAsync()).ShouldStartWith("0{");

        await connection.SendAsync("40");
        (await connection.ReceiveAsync()).ShouldStartWith("40{\"sid\":");
        await connection.SendAsync("421[\"who-ran\"]");

        // The event is handled after every connection handler finished.
        (await connection.ReceiveAsync()).ShouldBe("431[[\"first\",\"second, asynchronous\",\"third, throws\",\"fourth\"]]");
    }
}
