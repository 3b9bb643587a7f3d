using System.Text.Json;

namespace Protocol.Messaging;

/// <summary>
/// One inbound message as the router, rules, validators and generated readers see it: a view over bytes the
/// transport owns, valid only during the synchronous call it is passed to. Two-step Socket.IO messages arrive here
/// already reassembled, so a rule for an event matches <c>42["ev",…]</c> and <c>451-["ev",{placeholder}]</c> + binary
/// alike.
/// </summary>
/// <remarks>
/// Copy out (or use the runtime's pooled message lease) before keeping anything past the call: the transport
/// reuses its receive buffers for the next frame.
/// </remarks>
public readonly ref struct MessageView
{
    /// <summary>The value of <see cref="AckId"/> when the message carries no ack id.</summary>
    public const long NoAckId = -1;

    private readonly ReadOnlySpan<ReadOnlyMemory<byte>> _attachments;

    /// <summary>Creates a view. Transports call this after decoding a frame (and reassembling its attachments).</summary>
    /// <param name="kind">What the message is.</param>
    /// <param name="raw">The frame text exactly as received (for a two-step message, its header frame).</param>
    /// <param name="name">The event or action name as unescaped UTF-8; empty when the kind has none.</param>
    /// <param name="namespace">The Socket.IO namespace (<c>/</c> by default); empty for transports without namespaces.</param>
    /// <param name="ackId">The ack id, or <see cref="NoAckId"/>.</param>
    /// <param name="payload">The message's JSON value: the Socket.IO argument array (event name included) or the JSON-action object; empty when absent.</param>
    /// <param name="attachments">Binary attachments by placeholder number.</param>
    public MessageView(
        MessageKind kind,
        ReadOnlySpan<byte> raw,
        ReadOnlySpan<byte> name,
        ReadOnlySpan<byte> @namespace,
        long ackId,
        ReadOnlySpan<byte> payload,
        ReadOnlySpan<ReadOnlyMemory<byte>> attachments = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ackId, NoAckId);
        Kind = kind;
        Raw = raw;
        Name = name;
        Namespace = @namespace;
        AckId = ackId;
        Payload = payload;
        _attachments = attachments;
    }

    /// <summary>What the message is.</summary>
    public MessageKind Kind { get; }

    /// <summary>The frame text exactly as received; for a reassembled two-step message, its header frame.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The event or action name as unescaped UTF-8 (a numeric Socket.IO event name is its number's text).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The Socket.IO namespace (<c>/</c> by default), or empty for transports without namespaces.</summary>
    public ReadOnlySpan<byte> Namespace { get; }

    /// <summary>The ack id, or <see cref="NoAckId"/>.</summary>
    public long AckId { get; }

    /// <summary>Whether the message carries an ack id (a reply to one of ours, or a request for one).</summary>
    public bool HasAckId => AckId != NoAckId;

    /// <summary>The message's JSON value: the Socket.IO argument array (event name included), or the JSON-action object.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Binary attachments, indexed by placeholder number.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Attachments => _attachments;

    /// <summary>
    /// Finds data argument <paramref name="index"/>: for an <see cref="MessageKind.Event"/> the array element after
    /// the name, for an <see cref="MessageKind.Ack"/> the array element itself, for every other kind (index 0 only)
    /// the whole payload. An argument that is a Socket.IO placeholder (<c>{"_placeholder":true,"num":k}</c>) yields
    /// attachment <c>k</c>'s bytes instead, which is how PocketOption's two-step messages carry their JSON.
    /// </summary>
    /// <param name="index">The zero-based data argument.</param>
    /// <param name="json">The argument's JSON text, or the attachment's bytes.</param>
    /// <returns><see langword="false"/> when there is no such argument or the payload is not well-formed.</returns>
    public bool TryGetArgument(int index, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (index < 0 || Payload.IsEmpty)
        {
            return false;
        }

        if (Kind is not (MessageKind.Event or MessageKind.Ack))
        {
            if (index != 0)
            {
                return false;
            }

            json = Payload;
            return true;
        }

        var element = Kind == MessageKind.Event ? index + 1 : index;
        try
        {
            var reader = new Utf8JsonReader(Payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var found = false;
            for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (i == element)
                {
                    json = Payload[start..((int)reader.BytesConsumed)];
                    found = true;
                }
            }

            // The elements after the argument are read too: a frame cut off or garbled after it is malformed as a whole.
            if (!found || reader.Read())
            {
                json = default;
                return false;
            }

            if (TryResolvePlaceholder(json, out var attachment))
            {
                json = attachment;
            }

            return true;
        }
        catch (JsonException)
        {
            // A payload the transport let through but that is not JSON has no arguments to give.
            json = default;
        }

        return false;
    }

    /// <summary>Like <see cref="TryGetArgument(int, out ReadOnlySpan{byte})"/>, positioned on the argument's first token.</summary>
    /// <param name="index">The zero-based data argument.</param>
    /// <param name="reader">A reader over the argument, already on its first token.</param>
    /// <returns><see langword="false"/> when there is no such argument.</returns>
    public bool TryGetArgumentReader(int index, out Utf8JsonReader reader)
    {
        reader = default;
        if (!TryGetArgument(index, out var json))
        {
            return false;
        }

        reader = new Utf8JsonReader(json);
        try
        {
            return reader.Read();
        }
        catch (JsonException)
        {
            // An attachment that is not JSON (a real binary blob) has no JSON reader.
            return false;
        }
    }

    // {"_placeholder":true,"num":k} with k in range -> attachment k. Anything else is an ordinary value.
    private bool TryResolvePlaceholder(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> attachment)
    {
        attachment = default;
        if (_attachments.IsEmpty || value.IsEmpty || value[0] != (byte)'{')
        {
            return false;
        }

        var reader = new Utf8JsonReader(value);
        reader.Read();
        var isPlaceholder = false;
        long num = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // A name that is not valid text (a lone surrogate escape) would throw on comparison. It is simply not
            // "_placeholder" or "num", which is how the Socket.IO codec counts placeholders too: skip its value.
            if (!WireJson.HasValidText(ref reader))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (reader.ValueTextEquals("_placeholder"u8))
            {
                reader.Read();
                isPlaceholder = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("num"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out num))
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!isPlaceholder || num < 0 || num >= _attachments.Length)
        {
            return false;
        }

        attachment = _attachments[(int)num].Span;
        return true;
    }
}
