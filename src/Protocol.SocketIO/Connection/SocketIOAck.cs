using System.Text;

namespace Protocol.SocketIO;

/// <summary>
/// A server's reply to <see cref="SocketIOConnection.EmitWithAckAsync"/>, copied out of the receive buffer so it
/// outlives the read loop: the argument array as JSON and the binary attachments by placeholder number.
/// </summary>
public sealed class SocketIOAck
{
    private readonly byte[] _namespaceUtf8;
    private readonly ReadOnlyMemory<byte>[] _attachments;

    // The mapper's argument layout, copied with the payload (its offsets are payload-relative), so reading an argument
    // of the copy is an index too.
    private readonly ArgumentSlice[] _arguments;

    /// <summary>Creates an ack by copying a received view.</summary>
    /// <param name="view">A <see cref="MessageKind.Reply"/> view from a Socket.IO transport (<see cref="SocketIOViewMapper"/>).</param>
    /// <exception cref="ArgumentException">The view carries no ack id.</exception>
    public SocketIOAck(MessageView view)
    {
        if (!view.HasCorrelationId)
        {
            throw new ArgumentException("The view carries no ack id (MessageView.CorrelationId), so it is not an ack; pass the Reply view the Socket.IO transport delivered.", nameof(view));
        }

        Raw = view.Raw.ToArray();
        Payload = view.Payload.ToArray();
        _namespaceUtf8 = view.GetNamespace().ToArray();
        Namespace = Encoding.UTF8.GetString(_namespaceUtf8);
        AckId = view.CorrelationId;
        _arguments = view.ArgumentSlices.ToArray();
        _attachments = new ReadOnlyMemory<byte>[view.Attachments.Length];
        for (var i = 0; i < _attachments.Length; i++)
        {
            _attachments[i] = view.Attachments[i].ToArray();
        }
    }

    /// <summary>The namespace the ack came on.</summary>
    public string Namespace { get; }

    /// <summary>The ack id.</summary>
    public long AckId { get; }

    /// <summary>The header frame text as received.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The ack's arguments as a JSON array (placeholders in place of binary values).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Binary attachments by placeholder number.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments => _attachments;

    /// <summary>A <see cref="MessageView"/> over this ack, for the same readers that handle inbound messages.</summary>
    /// <returns>The view.</returns>
    public MessageView AsView() => new(MessageKind.Reply, Raw.Span, default, Payload.Span, _arguments, _attachments, _namespaceUtf8, AckId);

    /// <summary>Argument <paramref name="index"/> as JSON text, or an attachment's bytes when it is a binary placeholder.</summary>
    /// <param name="index">The zero-based argument.</param>
    /// <param name="json">The argument.</param>
    /// <returns><see langword="false"/> when there is no such argument.</returns>
    public bool TryGetArgument(int index, out ReadOnlySpan<byte> json) => AsView().TryGetArgument(index, out json);
}
