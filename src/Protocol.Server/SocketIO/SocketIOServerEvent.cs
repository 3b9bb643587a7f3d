using System.Text.Json;

namespace Protocol.Server.SocketIO;

/// <summary>An event a client emitted on a namespace (Socket.IO EVENT, or BINARY_EVENT with its attachments).</summary>
public sealed class SocketIOServerEvent
{
    private int _acked;

    internal SocketIOServerEvent(SocketIOServerSocket socket, string name, IReadOnlyList<JsonElement> arguments, IReadOnlyList<ReadOnlyMemory<byte>> attachments, long? ackId)
    {
        Socket = socket;
        Name = name;
        Arguments = arguments;
        Attachments = attachments;
        AckId = ackId;
    }

    /// <summary>The socket (client and namespace) that sent it.</summary>
    public SocketIOServerSocket Socket { get; }

    /// <summary>
    /// Cancelled when the socket that sent the event leaves its namespace (<see cref="SocketIOServerSocket.DisconnectedToken"/>):
    /// pass it to what the handler awaits so that it stops with its client.
    /// </summary>
    public CancellationToken CancellationToken => Socket.DisconnectedToken;

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The data arguments (after the name). Binary values appear as placeholders; read them with <see cref="SocketIOBinary.TryGet"/>.</summary>
    public IReadOnlyList<JsonElement> Arguments { get; }

    /// <summary>The binary attachments, by placeholder number (empty for a text event).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>The client's ack id when it waits for an answer (<see cref="AckAsync"/>), else null.</summary>
    public long? AckId { get; }

    /// <summary>Whether the client waits for an answer.</summary>
    public bool WantsAck => AckId is not null;

    /// <summary>Answers the client's ack callback (ACK, or BINARY_ACK when there are attachments). Once per event.</summary>
    /// <param name="argumentsJson">The answer's arguments as comma-separated JSON values (<c>1,"a",{}</c>), or empty for none.</param>
    /// <param name="attachments">Binary values the arguments refer to with <see cref="SocketIOBinary.Placeholder"/>, in order.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send queue.</param>
    /// <returns>A task that completes when the answer is on the wire.</returns>
    /// <exception cref="InvalidOperationException">The client asked for no ack, or it was answered already.</exception>
    public ValueTask AckAsync(string argumentsJson = "", IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null, CancellationToken cancellationToken = default)
    {
        if (AckId is not { } id)
        {
            throw new InvalidOperationException($"The client sent '{Name}' without an ack callback: there is nothing to answer. Check WantsAck first.");
        }

        if (Interlocked.Exchange(ref _acked, 1) == 1)
        {
            throw new InvalidOperationException($"Event '{Name}' (ack {id}) was answered already; a Socket.IO ack is answered once.");
        }

        return Socket.SendAckAsync(id, argumentsJson, attachments, cancellationToken);
    }

    /// <inheritdoc />
    public override string ToString() => $"'{Name}' on {Socket.Namespace}, {Arguments.Count} argument(s), {Attachments.Count} attachment(s){(WantsAck ? $", ack {AckId}" : "")}";
}
