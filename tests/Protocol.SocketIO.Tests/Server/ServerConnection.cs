using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.Testing;
using Protocol.Tests.Network;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>
/// One raw client WebSocket connected to a server side on Kestrel (127.0.0.1, a free port), as the server runs in
/// production: the accepted socket goes to the server's <c>RunSessionAsync</c>, and the test plays the client frame by
/// frame and sees when the session is over.
/// </summary>
internal sealed class ServerConnection : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerConnection(WebApplication app, ClientWebSocket client, Task session)
    {
        _app = app;
        Client = client;
        Session = session;
    }

    /// <summary>The client's side.</summary>
    public ClientWebSocket Client { get; }

    /// <summary>The server's session: completes when it is over (its resources released).</summary>
    public Task Session { get; }

    /// <summary>Starts a host whose one endpoint runs <paramref name="runSession"/> and connects a client to it.</summary>
    public static async Task<ServerConnection> StartAsync(Func<WebSocket, Task> runSession)
    {
        var session = Channel.CreateUnbounded<Task>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var running = runSession(socket);
            session.Writer.TryWrite(running);
            await running;
        });
        await app.StartAsync().WithSafetyNet(TimeSpan.FromSeconds(20));
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{address.Port}/ws"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        return new ServerConnection(app, client, await session.Reader.ReadAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit));
    }

    public Task SendAsync(string text) => LoopbackWebSocketServer.SendTextAsync(Client, text);

    /// <summary>The next text message, or <c>&lt;close&gt;</c> for the server's close frame.</summary>
    public Task<string> ReceiveAsync() => LoopbackWebSocketServer.ReceiveTextAsync(Client);

    /// <summary>How the client's next receive ends: a message, the server's close frame, or a broken connection.</summary>
    public async Task<string> ReceiveOrBreakAsync()
    {
        try
        {
            return await ReceiveAsync();
        }
        catch (WebSocketException)
        {
            return "<broken>";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Abort();
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
