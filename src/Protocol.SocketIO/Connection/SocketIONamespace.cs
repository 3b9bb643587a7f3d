namespace Protocol.SocketIO;

/// <summary>A namespace to join when the connection opens, with its optional auth object.</summary>
/// <param name="Name">The namespace, starting with <c>/</c> (<c>/</c> is the main namespace).</param>
/// <param name="AuthJson">The auth object as UTF-8 JSON (for example <c>{"token":"abc"}</c>), or empty for none. Never logged.</param>
public sealed record SocketIONamespace(string Name, ReadOnlyMemory<byte> AuthJson = default)
{
    /// <summary>The main namespace without auth.</summary>
    public static SocketIONamespace Main { get; } = new("/");
}
