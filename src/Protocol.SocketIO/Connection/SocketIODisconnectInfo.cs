namespace Protocol.SocketIO;

/// <summary>How and why a connection ended.</summary>
/// <param name="Reason">The typed reason.</param>
/// <param name="Exception">The failure behind <see cref="SocketIODisconnectReason.TransportError"/> or <see cref="SocketIODisconnectReason.ProtocolError"/>; otherwise <see langword="null"/>.</param>
/// <param name="Description">A short human-readable account (never contains secrets).</param>
public sealed record SocketIODisconnectInfo(SocketIODisconnectReason Reason, Exception? Exception, string Description);
