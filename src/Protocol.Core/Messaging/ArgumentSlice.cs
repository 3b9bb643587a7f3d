namespace Protocol;

/// <summary>
/// Where one argument of an inbound message lies, as the transport's decoder found it: a range of the message's
/// <see cref="MessageView.Payload"/>, or a whole attachment (a binary part that came with the message and stands in for
/// the argument). Transports compute the list once per message, so reading an argument is an index, never a re-scan.
/// </summary>
/// <remarks>
/// Offsets are relative to the payload, not to a buffer, so the same slices stay valid when the message is copied
/// (the runtime's pooled lease copies the payload and keeps the slices as they are).
/// </remarks>
public readonly record struct ArgumentSlice
{
    private ArgumentSlice(int start, int length, int attachment)
    {
        Start = start;
        Length = length;
        AttachmentIndex = attachment;
    }

    /// <summary>The start of the argument's JSON within the payload (0 for an attachment).</summary>
    public int Start { get; }

    /// <summary>The length of the argument's JSON within the payload (0 for an attachment).</summary>
    public int Length { get; }

    /// <summary>The attachment that is the argument, or -1 when the argument is JSON inside the payload.</summary>
    public int AttachmentIndex { get; }

    /// <summary>Whether the argument is a whole attachment rather than JSON inside the payload.</summary>
    public bool IsAttachment => AttachmentIndex >= 0;

    /// <summary>An argument that is the JSON at <c>payload[start..(start + length)]</c>.</summary>
    /// <param name="start">Its first byte within the payload.</param>
    /// <param name="length">Its length in bytes.</param>
    /// <returns>The slice.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative start or length.</exception>
    public static ArgumentSlice InPayload(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ArgumentSlice(start, length, -1);
    }

    /// <summary>An argument whose value is attachment <paramref name="index"/>'s bytes.</summary>
    /// <param name="index">The attachment's index in <see cref="MessageView.Attachments"/>.</param>
    /// <returns>The slice.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative index.</exception>
    public static ArgumentSlice Attachment(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ArgumentSlice(0, 0, index);
    }
}
