namespace Protocol.SocketIO;

/// <summary>
/// The server refused a namespace (Socket.IO CONNECT_ERROR), for example <c>44/private,{"message":"Not authorized","data":{"code":401}}</c>.
/// </summary>
public sealed class SocketIOConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="namespace">The namespace that was refused.</param>
    /// <param name="serverMessage">The server's message (<c>message</c> field, or the legacy string payload).</param>
    /// <param name="dataJson">The server's <c>data</c> JSON, or empty.</param>
    public SocketIOConnectException(string @namespace, string serverMessage, ReadOnlyMemory<byte> dataJson)
        : base($"The server refused namespace '{@namespace}': {serverMessage}. Check the namespace name and the auth object sent with it.")
    {
        Namespace = @namespace;
        ServerMessage = serverMessage;
        DataJson = dataJson;
    }

    /// <summary>The namespace that was refused.</summary>
    public string Namespace { get; }

    /// <summary>The server's message, verbatim.</summary>
    public string ServerMessage { get; }

    /// <summary>The server's <c>data</c> value as JSON text (UTF-8), or empty when the server sent none.</summary>
    public ReadOnlyMemory<byte> DataJson { get; }
}
