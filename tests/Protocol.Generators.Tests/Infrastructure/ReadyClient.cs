using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Time;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// A client on the fake Socket.IO transport (the real codec and assembler underneath), connected and Ready: where the runtime
/// tests of generated messages and modules start.
/// </summary>
internal static class ReadyClient
{
    public static async Task<(Client<TState> Client, FakeConnection Connection)> StartAsync<TState>(TState state, Func<ClientBuilder<TState>, ClientBuilder<TState>>? modules = null)
        where TState : class
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var builder = new ClientBuilder<TState>(state)
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket", "primary"))
            .UseTimeProvider(new TimerCountingTimeProvider());
        var client = (modules?.Invoke(builder) ?? builder).Build();
        try
        {
            var states = new StateRecorder<TState>(client);
            await client.ConnectAsync();
            var connection = await transport.NextConnectionAsync();
            await states.NextAsync(ConnectionState.Ready);
            return (client, connection);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
