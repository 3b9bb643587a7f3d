using Protocol.Server.SocketIO;
using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>How the Socket.IO server tests run a server and play a raw client against it.</summary>
internal static class ServerSessions
{
    // Runs a test on a server, then disposes of it. The disposal waits for every session, and a test that failed may leave
    // one held by a handler: it is bounded, and the handler let go, so that a failure never hangs or hides behind the
    // disposal's own.
    public static Task WithServerAsync(SocketIOServerOptions options, Func<SocketIOServer, Task> test, TaskCompletionSource? release = null)
        => WithDisposalAsync(new SocketIOServer(options), test, release);

    // The same for any server (the JSON-action one too).
    public static async Task WithDisposalAsync<TServer>(TServer server, Func<TServer, Task> test, TaskCompletionSource? release = null)
        where TServer : IAsyncDisposable
    {
        var failed = true;
        try
        {
            await test(server);
            failed = false;
        }
        finally
        {
            release?.TrySetResult();
            var disposing = server.DisposeAsync().AsTask();
            if (failed)
            {
                await disposing.WaitAsync(SafetyNet.NetworkLimit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else
            {
                await disposing.WithSafetyNet(SafetyNet.NetworkLimit);
            }
        }
    }

    // Connects a raw client, reads the open packet and joins "/": the server's socket for it. The test's own connection
    // handler runs after the one that hands the socket over, so it may hang.
    public static async Task<(ServerConnection Connection, SocketIOServerSocket Socket)> JoinAsync(SocketIOServer server, Func<SocketIOServerSocket, ValueTask>? onConnection = null)
    {
        var joined = new TaskCompletionSource<SocketIOServerSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Of("/").OnConnection(s => joined.TrySetResult(s));
        if (onConnection is not null)
        {
            server.Of("/").OnConnection(onConnection);
        }

        var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
        (await connection.ReceiveAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldStartWith("0{");
        await connection.SendAsync("40");
        (await connection.ReceiveAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldStartWith("40{\"sid\":");
        return (connection, await joined.Task.WithSafetyNet(SafetyNet.NetworkLimit));
    }

    // Connects a raw client, reads the open packet and asks to join "/" (the authorizer decides on it).
    public static async Task<ServerConnection> AskToJoinAsync(SocketIOServer server)
    {
        var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
        (await connection.ReceiveAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldStartWith("0{");
        await connection.SendAsync("40");
        return connection;
    }

    public static Task WhenCancelled(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => cancelled.TrySetResult());
        return cancelled.Task;
    }
}

/// <summary>
/// A handler that waits until its token is cancelled, and so ends with the token's <see cref="OperationCanceledException"/>
/// (the session's end, not a failure): <see cref="Started"/> once it runs, <see cref="Ended"/> once it has returned.
/// </summary>
internal sealed class TokenWaitingHandler
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask WaitAsync(CancellationToken token)
    {
        Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        finally
        {
            Ended.TrySetResult();
        }
    }
}
