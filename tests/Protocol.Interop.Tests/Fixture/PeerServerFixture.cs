namespace Protocol.Interop.Tests.Fixture;

/// <summary>One shared peer with the default heartbeat for tests that do not need their own server.</summary>
public sealed class PeerServerFixture : IAsyncLifetime
{
    private PeerServer? _server;

    /// <summary>The running server.</summary>
    public PeerServer Server => _server ?? throw new InvalidOperationException("The fixture has not started yet.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await PeerServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The collection that shares <see cref="PeerServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PeerCollection : ICollectionFixture<PeerServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "socket.io peer";
}
