using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Protocol.Server.SocketIO;

/// <summary>Maps a <see cref="SocketIOServer"/> on ASP.NET Core's routing.</summary>
public static class SocketIOEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves Engine.IO v4 WebSocket sessions at <paramref name="pattern"/> (socket.io's default is <c>/socket.io/</c>).
    /// Call <c>app.UseWebSockets()</c> first. A request that is not <c>?EIO=4&amp;transport=websocket</c> with a WebSocket
    /// upgrade gets 400 with the reference server's error object (<c>{"code":…,"message":…}</c>).
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="pattern">The path, e.g. <c>/socket.io/</c>.</param>
    /// <param name="server">The server whose namespaces serve the sessions.</param>
    /// <returns>The endpoint, for further configuration (authorization, host filters…).</returns>
    public static IEndpointConventionBuilder MapSocketIO(this IEndpointRouteBuilder endpoints, string pattern, SocketIOServer server)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(server);
        return endpoints.Map(pattern, context => ServeAsync(context, server));
    }

    private static async Task ServeAsync(HttpContext context, SocketIOServer server)
    {
        var query = context.Request.Query;
        if (query["EIO"] != "4")
        {
            await RefuseAsync(context, 5, "Unsupported protocol version").ConfigureAwait(false);
            return;
        }

        if (query["transport"] != "websocket")
        {
            // HTTP long-polling is not served: clients connect with transports: ["websocket"].
            await RefuseAsync(context, 0, "Transport unknown").ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, 3, "Bad request").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await server.RunSessionAsync(socket, context.RequestAborted).ConfigureAwait(false);
    }

    // The reference server's answer to a bad handshake request: 400 and {"code":n,"message":"…"}.
    private static Task RefuseAsync(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($$"""{"code":{{code}},"message":"{{message}}"}""");
    }
}
