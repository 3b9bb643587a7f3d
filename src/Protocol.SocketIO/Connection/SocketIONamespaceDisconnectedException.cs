namespace Protocol.SocketIO;

/// <summary>
/// The operation could not complete because the server disconnected its namespace (a Socket.IO DISCONNECT packet,
/// <c>41</c> or <c>41/admin,</c>): pending acks of that namespace fail with it at once, and so does any later emit or
/// ack on it until the namespace is joined again. The Engine.IO session may still be open for other namespaces.
/// </summary>
public sealed class SocketIONamespaceDisconnectedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What failed, for the message.</param>
    /// <param name="namespace">The namespace the server disconnected.</param>
    public SocketIONamespaceDisconnectedException(string operation, string @namespace)
        : base($"{operation} failed: the server disconnected namespace '{@namespace}'. Nothing more can be sent on it; join it again with ConnectNamespaceAsync (or reconnect) and retry if the operation is safe to repeat.")
    {
        Namespace = @namespace;
    }

    /// <summary>The namespace the server disconnected.</summary>
    public string Namespace { get; }
}
