using System.Text;
using System.Text.Json;

namespace Protocol.SocketIO;

/// <summary>
/// A decoded Socket.IO packet: a view over the bytes it was decoded from (no copies, no strings). Valid only while
/// those bytes are: for <see cref="SocketIOPacketDecoder"/> that is the caller's buffer; for a packet obtained from a
/// <see cref="SocketIOMessageAssembler"/> it is until the assembler's next call.
/// </summary>
public readonly ref struct SocketIOPacket
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly SocketIOPacketLayout _layout;

    // The parser's argument layout when it recorded one (an assembler's packets), else empty (SocketIOPacketDecoder).
    private readonly ReadOnlySpan<Protocol.ArgumentSlice> _arguments;

    internal SocketIOPacket(ReadOnlySpan<byte> bytes, scoped in SocketIOPacketLayout layout, ReadOnlySpan<Protocol.ArgumentSlice> arguments = default)
    {
        _bytes = bytes;
        _layout = layout;
        _arguments = arguments;
    }

    /// <summary>The packet type.</summary>
    public SocketIOPacketType Type => _layout.Type;

    /// <summary>The whole Socket.IO packet as received (without the Engine.IO <c>4</c>).</summary>
    public ReadOnlySpan<byte> RawBytes => _bytes;

    /// <summary>The namespace in UTF-8, <c>/</c> when the packet names none.</summary>
    public ReadOnlySpan<byte> Namespace => _layout.Namespace(_bytes);

    /// <summary>True for the main namespace <c>/</c>.</summary>
    public bool IsDefaultNamespace => _layout.NamespaceLength == 0;

    /// <summary>The ack id, or null when the packet has none. Id 0 is a valid id.</summary>
    public long? AckId => _layout.AckId >= 0 ? _layout.AckId : null;

    /// <summary>True when the packet carries an ack id (EVENT asking for an ack, or ACK answering one).</summary>
    public bool HasAckId => _layout.AckId >= 0;

    // The ack id as the layout keeps it: -1 when absent, which is also MessageView.NoCorrelationId.
    internal long AckIdOrMinusOne => _layout.AckId;

    /// <summary>Number of binary attachments announced by a BINARY_EVENT / BINARY_ACK (<c>N-</c>); 0 otherwise.</summary>
    public int AttachmentCount => _layout.AttachmentCount;

    /// <summary>True when the packet has a JSON payload.</summary>
    public bool HasPayload => _layout.PayloadLength > 0;

    /// <summary>The whole JSON payload (array, object or string), validated; empty when absent.</summary>
    public ReadOnlySpan<byte> Payload => _layout.Payload(_bytes);

    /// <summary>Whether and how an EVENT / BINARY_EVENT is named.</summary>
    public SocketIOEventNameKind EventNameKind => _layout.NameKind;

    /// <summary>
    /// The event name as it appears on the wire, without quotes: the UTF-8 name itself when
    /// <see cref="EventNameHasEscapes"/> is false, the escaped JSON text otherwise (use <see cref="EventNameEquals"/>);
    /// the number's text for a numeric name; empty when the packet is not an event.
    /// </summary>
    public ReadOnlySpan<byte> EventName => _layout.EventName(_bytes);

    /// <summary>True when the string event name contains JSON escapes (<c>\"</c>, <c>\u00e9</c>...), so <see cref="EventName"/> is not the plain name.</summary>
    public bool EventNameHasEscapes => _layout.NameEscaped;

    /// <summary>
    /// Compares the event name with a UTF-8 name, unescaping JSON escapes when there are any, without allocating.
    /// A numeric name compares its JSON text (<c>"1.5"u8</c>). False when the packet is not an event. Never throws: the
    /// decoder refuses names that are not valid Unicode (<see cref="SocketIOProtocolError.InvalidPayload"/>).
    /// </summary>
    /// <param name="utf8Name">The name to compare with, in UTF-8.</param>
    /// <returns>True when equal.</returns>
    public bool EventNameEquals(ReadOnlySpan<byte> utf8Name)
    {
        if (_layout.NameKind == SocketIOEventNameKind.None)
        {
            return false;
        }

        if (!_layout.NameEscaped)
        {
            return EventName.SequenceEqual(utf8Name);
        }

        var reader = new Utf8JsonReader(Payload.Slice(_layout.NameTokenStart, _layout.NameTokenLength));
        reader.Read();
        return reader.ValueTextEquals(utf8Name);
    }

    /// <summary>
    /// The event name as a string (unescaped; the JSON text for a numeric name). Allocates: for logs and diagnostics.
    /// Never throws: the decoder refuses names that are not valid Unicode.
    /// </summary>
    /// <returns>The name, or null when the packet is not an event.</returns>
    public string? GetEventNameString()
    {
        switch (_layout.NameKind)
        {
            case SocketIOEventNameKind.String:
                var reader = new Utf8JsonReader(Payload.Slice(_layout.NameTokenStart, _layout.NameTokenLength));
                reader.Read();
                return reader.GetString();
            case SocketIOEventNameKind.Number:
                return Encoding.UTF8.GetString(EventName);
            default:
                return null;
        }
    }

    /// <summary>
    /// For EVENT / ACK (and binary forms): the arguments as comma-separated JSON values, i.e. the array's contents after
    /// the event name (<c>2["a",1,{}]</c> gives <c>1,{}</c>). Empty when there are none. The same shape the encoder takes.
    /// </summary>
    public ReadOnlySpan<byte> ArgumentsJson => _bytes.Slice(_layout.PayloadStart + _layout.ArgumentsStart, _layout.ArgumentsLength);

    /// <summary>Number of arguments (after the event name for events), counted while the payload was validated.</summary>
    public int ArgumentCount => _layout.ArgumentCount;

    /// <summary>The arguments one by one, each as the raw JSON of a single value ready for a <see cref="Utf8JsonReader"/>.</summary>
    public SocketIOArguments Arguments => new(ArgumentsJson, _layout.ArgumentCount);

    // The layout where it lies, for the mapper (no copy); the argument layout as recorded, possibly empty.
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    internal ref readonly SocketIOPacketLayout Layout => ref _layout;

    internal ReadOnlySpan<Protocol.ArgumentSlice> RecordedArguments => _arguments;

    /// <summary>
    /// Gets where each argument lies, as the parser recorded it while validating the packet: payload-relative slices,
    /// and a top-level placeholder as its attachment. A <see cref="SocketIOMessageAssembler"/>'s packets carry it;
    /// <see cref="SocketIOPacketDecoder"/>'s do not (<see cref="SocketIOViewMapper"/> then lays the arguments out itself).
    /// </summary>
    /// <param name="arguments">One slice per argument when the result is true.</param>
    /// <returns>Whether the layout was recorded (always true for a packet without arguments).</returns>
    public bool TryGetArgumentLayout(out ReadOnlySpan<Protocol.ArgumentSlice> arguments)
    {
        arguments = _arguments;
        return _layout.Records(_arguments);
    }
}
