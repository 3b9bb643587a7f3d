using System.Text;

namespace Protocol.SocketIO;

/// <summary>Builds the Engine.IO WebSocket address from a server address and options.</summary>
public static class SocketIOUrl
{
    /// <summary>
    /// Builds <c>ws(s)://host:port/socket.io/?…&amp;EIO=4&amp;transport=websocket</c>: http maps to ws and https to wss;
    /// the address's own query parameters and <paramref name="query"/> are kept (already-present <c>EIO</c>,
    /// <c>transport</c> and <c>sid</c> are replaced); a non-root path in the address is used as the Engine.IO path,
    /// so a pasted <c>wss://host/socket.io/?EIO=4&amp;transport=websocket</c> works as is.
    /// </summary>
    /// <param name="server">The server address (http, https, ws or wss).</param>
    /// <param name="path">The Engine.IO path used when the address has none (Socket.IO's default is <c>/socket.io/</c>).</param>
    /// <param name="query">Extra query parameters (values are URL-encoded).</param>
    /// <returns>The WebSocket address.</returns>
    /// <exception cref="ArgumentException">The address is not absolute or its scheme is not http, https, ws or wss.</exception>
    public static Uri Build(Uri server, string path = "/socket.io/", IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri)
        {
            throw new ArgumentException($"The server address must be absolute (for example https://example.com), got '{server.OriginalString}'.", nameof(server));
        }

        var scheme = server.Scheme switch
        {
            "http" or "ws" => "ws",
            "https" or "wss" => "wss",
            _ => throw new ArgumentException($"The server address must use http, https, ws or wss, got '{server.Scheme}'.", nameof(server)),
        };

        var enginePath = server.AbsolutePath is "" or "/" ? path : server.AbsolutePath;
        if (!enginePath.StartsWith('/'))
        {
            enginePath = "/" + enginePath;
        }

        var builder = new StringBuilder();
        foreach (var part in server.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split('=', 2)[0];
            if (name is "EIO" or "transport" or "sid")
            {
                continue;
            }

            builder.Append(part).Append('&');
        }

        if (query is not null)
        {
            foreach (var (name, value) in query)
            {
                builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
            }
        }

        builder.Append("EIO=4&transport=websocket");
        var uri = new UriBuilder(scheme, server.Host, server.IsDefaultPort ? -1 : server.Port, enginePath)
        {
            Query = builder.ToString(),
        };
        return uri.Uri;
    }
}
