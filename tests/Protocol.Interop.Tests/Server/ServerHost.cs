using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.Server.SocketIO;

namespace Protocol.Interop.Tests.Server;

/// <summary>A Kestrel host on 127.0.0.1 and a free port serving one <see cref="SocketIOServer"/> at <c>/socket.io/</c>.</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerHost(WebApplication app, SocketIOServer server, Uri uri)
    {
        _app = app;
        Server = server;
        Uri = uri;
    }

    public SocketIOServer Server { get; }

    /// <summary>The host's address, ending in <c>/</c> (http; clients map it to ws).</summary>
    public Uri Uri { get; }

    public static async Task<ServerHost> StartAsync(SocketIOServer server)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapSocketIO("/socket.io/", server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHost(app, server, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
