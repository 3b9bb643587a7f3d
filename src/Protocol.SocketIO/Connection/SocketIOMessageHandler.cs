using Protocol.Messaging;

namespace Protocol.SocketIO;

/// <summary>
/// Receives every inbound Socket.IO message (events, ack requests, acks, connects, connect errors, disconnects),
/// synchronously on the read loop, in arrival order. The view is valid only during the call; copy what you keep.
/// Exceptions are caught and logged; they never stop the connection.
/// </summary>
/// <param name="message">The message, with binary attachments already reassembled.</param>
public delegate void SocketIOMessageHandler(MessageView message);
