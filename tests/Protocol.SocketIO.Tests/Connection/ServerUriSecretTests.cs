using Protocol.Testing.Logging;
using Protocol.Tests.Network;

namespace Protocol.SocketIO.Tests.Connection;

// Issue #8: a server URI's user info and query (sid, tokens) never reach a log or an exception message.
public sealed class ServerUriSecretTests
{
    [Fact]
    public async Task A_refused_connection_names_host_and_path_but_not_user_info_or_query()
    {
        var port = RefusingPort.Next();

        var logs = new CapturingLoggerFactory();
        await using var connection = new SocketIOConnection(new SocketIOOptions
        {
            ServerUri = new Uri($"http://trader:QZW@127.0.0.1:{port}/socket.io/?token=QZW"),
            LoggerFactory = logs,
        });

        var error = await Should.ThrowAsync<Exception>(connection.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        logs.All.ShouldContain(e => e.Message.Contains($"127.0.0.1:{port}/socket.io/", StringComparison.Ordinal));
        error.ToString().ShouldNotContain("QZW");
        logs.All.ShouldAllBe(e => !e.Message.Contains("QZW") && (e.Exception == null || !e.Exception.ToString().Contains("QZW")));
    }
}
