using System.Text;

namespace Protocol;

/// <summary>
/// One outbound message: a text or binary frame, optionally followed by binary attachments that the transport
/// sends as one unit with it (the Socket.IO two-step form: a <c>451-[…]</c> header and its binary frames).
/// The memory is borrowed: it must stay valid until the send completes.
/// </summary>
public readonly struct OutgoingMessage
{
    private OutgoingMessage(bool isText, ReadOnlyMemory<byte> content, ReadOnlyMemory<ReadOnlyMemory<byte>> attachments)
    {
        IsText = isText;
        Content = content;
        Attachments = attachments;
    }

    /// <summary>Whether <see cref="Content"/> is a UTF-8 text frame (otherwise a binary frame).</summary>
    public bool IsText { get; }

    /// <summary>The frame's bytes (UTF-8 for text).</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Binary frames that must follow <see cref="Content"/> with no other message in between.</summary>
    public ReadOnlyMemory<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>Total bytes: the content and every attachment.</summary>
    public int Length
    {
        get
        {
            var length = Content.Length;
            foreach (var attachment in Attachments.Span)
            {
                length += attachment.Length;
            }

            return length;
        }
    }

    /// <summary>A text frame from UTF-8 bytes.</summary>
    /// <param name="utf8">The frame text as UTF-8.</param>
    public static OutgoingMessage Text(ReadOnlyMemory<byte> utf8) => new(true, utf8, default);

    /// <summary>A text frame from a string (encodes it once; prefer the UTF-8 overload on hot paths).</summary>
    /// <param name="text">The frame text.</param>
    public static OutgoingMessage Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(true, Encoding.UTF8.GetBytes(text), default);
    }

    /// <summary>A binary frame.</summary>
    /// <param name="bytes">The frame's bytes.</param>
    public static OutgoingMessage Binary(ReadOnlyMemory<byte> bytes) => new(false, bytes, default);

    /// <summary>A text header followed by binary attachments, sent as one unit.</summary>
    /// <param name="header">The header frame text as UTF-8 (e.g. <c>451-["ev",{"_placeholder":true,"num":0}]</c>).</param>
    /// <param name="attachments">The binary frames, in placeholder order.</param>
    public static OutgoingMessage WithAttachments(ReadOnlyMemory<byte> header, ReadOnlyMemory<ReadOnlyMemory<byte>> attachments)
        => new(true, header, attachments);

    /// <summary>Describes the shape only: the content may carry a session token.</summary>
    public override string ToString()
        => $"{(IsText ? "text" : "binary")} message, {Content.Length} bytes, {Attachments.Length} attachment(s)";
}
