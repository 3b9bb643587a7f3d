
namespace Protocol.SocketIO;

/// <summary>
/// Receives every inbound Socket.IO message (events, ack requests and acks, as <see cref="SocketIOViewMapper"/> maps
/// them), synchronously on the read loop, in arrival order. CONNECT, CONNECT_ERROR and DISCONNECT are not messages: the
/// connection handles them and reports them through <see cref="SocketIOConnection.ConnectAsync"/>,
/// <see cref="SocketIOConnection.NamespaceDisconnected"/> and <see cref="SocketIOConnection.Completion"/>. The view is valid only during the call; copy what you keep.
/// Exceptions are caught and logged; they never stop the connection.
/// </summary>
/// <param name="message">The message, with binary attachments already reassembled.</param>
public delegate void SocketIOMessageHandler(MessageView message);
