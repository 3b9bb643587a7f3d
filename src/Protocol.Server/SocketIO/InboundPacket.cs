using System.Text.Json;
using Protocol.SocketIO;

namespace Protocol.Server.SocketIO;

// A Socket.IO packet copied off the receive buffer for the session's handler task, which runs the application's code in
// the order the client sent it. The server side copies (simulators and tests, not a client's hot path) to keep the
// receive loop free of the application's awaits.
internal sealed class InboundPacket
{
    public required SocketIOPacketType Type { get; init; }

    public required string Namespace { get; init; }

    public string? EventName { get; init; }

    public long? AckId { get; init; }

    public IReadOnlyList<JsonElement> Arguments { get; init; } = [];

    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; init; } = [];

    public JsonElement? Auth { get; init; }
}
