using System.Text;

namespace Protocol;

/// <summary>An owned copy of a message a raw handler matched.</summary>
public sealed class RawMessage
{
    internal RawMessage(MessageView view, long sequence, DateTimeOffset receivedAt)
    {
        Kind = view.Kind;
        Raw = view.Raw.ToArray();
        Name = Encoding.UTF8.GetString(view.Name);
        Payload = view.Payload.ToArray();
        var attachments = new byte[view.Attachments.Length][];
        for (var i = 0; i < attachments.Length; i++)
        {
            attachments[i] = view.Attachments[i].ToArray();
        }

        Attachments = attachments;
        Sequence = sequence;
        ReceivedAt = receivedAt;
    }

    /// <summary>What the message is.</summary>
    public MessageKind Kind { get; }

    /// <summary>The frame bytes as received.</summary>
    public byte[] Raw { get; }

    /// <summary>The frame text (UTF-8 decoded).</summary>
    public string Text => Encoding.UTF8.GetString(Raw);

    /// <summary>The event or action name, or empty.</summary>
    public string Name { get; }

    /// <summary>The JSON payload.</summary>
    public byte[] Payload { get; }

    /// <summary>Binary attachments.</summary>
    public IReadOnlyList<byte[]> Attachments { get; }

    /// <summary>The handler's running number for this match (1-based).</summary>
    public long Sequence { get; }

    /// <summary>When it was received, by the client's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Describes the message without its content (which may carry account data); read <see cref="Text"/> for that.</summary>
    public override string ToString() => $"{Kind} '{Name}' #{Sequence}, {Raw.Length} bytes, {Attachments.Count} attachment(s)";
}
