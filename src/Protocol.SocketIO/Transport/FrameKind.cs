namespace Protocol.SocketIO.Transport;

/// <summary>What a <see cref="TransportFrame"/> is: one whole WebSocket message of a given type, or the end of the stream.</summary>
public enum FrameKind : byte
{
    /// <summary>A complete UTF-8 text message (an Engine.IO string packet).</summary>
    Text = 1,

    /// <summary>A complete binary message (in Engine.IO v4, always a <c>message</c> packet: a Socket.IO attachment).</summary>
    Binary = 2,

    /// <summary>The peer closed the connection; no more frames follow.</summary>
    Close = 3,
}
