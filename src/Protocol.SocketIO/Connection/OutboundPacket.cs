
namespace Protocol.SocketIO;

// The Socket.IO frames that never wait for room in the send queue.
internal static class OutboundPacket
{
    /// <summary>The shared, untracked pong <c>3</c>: queued on every ping without allocating.</summary>
    public static OutboundFrame Pong { get; } = OutboundFrame.Constant("3"u8, new SendOperation("Answering the server's ping"));
}
