using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Protocol.Server.JsonActions;

/// <summary>Maps a <see cref="JsonActionServer"/> on ASP.NET Core's routing.</summary>
public static class JsonActionEndpointRouteBuilderExtensions
{
    /// <summary>Serves JSON-action WebSocket sessions at <paramref name="pattern"/>. Call <c>app.UseWebSockets()</c> first.</summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="pattern">The path, e.g. <c>/ws/v40</c>.</param>
    /// <param name="server">The server whose handlers serve the sessions.</param>
    /// <returns>The endpoint, for further configuration.</returns>
    public static IEndpointConventionBuilder MapJsonActions(this IEndpointRouteBuilder endpoints, string pattern, JsonActionServer server)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(server);
        return endpoints.Map(pattern, async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("This endpoint serves WebSocket sessions only.").ConfigureAwait(false);
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await server.RunSessionAsync(socket, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
