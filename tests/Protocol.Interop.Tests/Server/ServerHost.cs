using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.Server.SocketIO;

namespace Protocol.Interop.Tests.Server;

/// <summary>A Kestrel host on 127.0.0.1 and a free port serving one server side (Socket.IO at <c>/socket.io/</c>, or JSON actions).</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IAsyncDisposable _server;

    private ServerHost(WebApplication app, IAsyncDisposable server, Uri uri)
    {
        _app = app;
        _server = server;
        Uri = uri;
    }

    /// <summary>The Socket.IO server, when the host serves one.</summary>
    public SocketIOServer Server => (SocketIOServer)_server;

    /// <summary>The host's address, ending in <c>/</c> (http; clients map it to ws).</summary>
    public Uri Uri { get; }

    public static Task<ServerHost> StartAsync(SocketIOServer server) => StartAsync(app => app.MapSocketIO("/socket.io/", server), server);

    public static async Task<ServerHost> StartAsync(Action<WebApplication> map, IAsyncDisposable server)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        map(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHost(app, server, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
