using System.Text.Json;

namespace Protocol;

/// <summary>
/// One inbound message as the router, rules, validators and generated readers see it: a view over bytes the
/// transport owns, valid only during the synchronous call it is passed to. It is transport-neutral: the transport's
/// decoder maps its own packets onto it (Protocol.SocketIO's <c>SocketIOViewMapper</c> for Socket.IO, the JSON-action
/// envelope for JSON actions), including where each argument lies, so reading an argument never re-parses the payload.
/// </summary>
/// <remarks>
/// Copy out (or use the runtime's pooled message lease) before keeping anything past the call: the transport
/// reuses its receive buffers for the next frame.
/// </remarks>
public readonly ref struct MessageView
{
    /// <summary>The value of <see cref="CorrelationId"/> when the message carries none.</summary>
    public const long NoCorrelationId = -1;

    private readonly ReadOnlySpan<ReadOnlyMemory<byte>> _attachments;
    private readonly ReadOnlySpan<ArgumentSlice> _arguments;

    // True for envelopes whose message is a single JSON value: argument 0 is the whole payload (no slice list needed).
    private readonly bool _payloadIsArgument;

    /// <summary>
    /// Creates a view whose one argument is the whole payload (a JSON-action object, a raw frame), or that has no
    /// argument when the payload is empty.
    /// </summary>
    /// <param name="kind">What the message is.</param>
    /// <param name="raw">The frame exactly as received.</param>
    /// <param name="name">The message's name as unescaped UTF-8; empty when it has none.</param>
    /// <param name="payload">The message's JSON value, or the frame itself for <see cref="MessageKind.Raw"/>.</param>
    public MessageView(MessageKind kind, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name, ReadOnlySpan<byte> payload)
    {
        Kind = kind;
        Raw = raw;
        Name = name;
        Payload = payload;
        CorrelationId = NoCorrelationId;
        _payloadIsArgument = true;
    }

    /// <summary>Creates a view with the arguments as the transport's decoder found them.</summary>
    /// <param name="kind">What the message is.</param>
    /// <param name="raw">The frame exactly as received (for a message in several frames, its first, text frame).</param>
    /// <param name="name">The message's name as unescaped UTF-8; empty when it has none.</param>
    /// <param name="payload">The message's JSON value as received (for Socket.IO: the whole array, name included).</param>
    /// <param name="arguments">Where each argument lies: in <paramref name="payload"/>, or a whole attachment.</param>
    /// <param name="attachments">Binary parts that came with the message; empty for most.</param>
    /// <param name="scope">
    /// The channel within the connection the message belongs to (for Socket.IO: its namespace), carried as bytes the
    /// runtime compares but never interprets; empty when the envelope has none.
    /// </param>
    /// <param name="correlationId">
    /// Pairs a request with its reply (for Socket.IO: the ack id), or <see cref="NoCorrelationId"/>. On a
    /// <see cref="MessageKind.Reply"/> it names the request answered; on a named message, the reply the server expects.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="correlationId"/> is below <see cref="NoCorrelationId"/>.</exception>
    public MessageView(
        MessageKind kind,
        ReadOnlySpan<byte> raw,
        ReadOnlySpan<byte> name,
        ReadOnlySpan<byte> payload,
        ReadOnlySpan<ArgumentSlice> arguments,
        ReadOnlySpan<ReadOnlyMemory<byte>> attachments = default,
        ReadOnlySpan<byte> scope = default,
        long correlationId = NoCorrelationId)
        : this(kind, raw, name, payload, arguments, attachments, scope, Checked(correlationId), nameIsNumber: false)
    {
    }

    // The transports' mapping (Socket.IO's view mapper): every field set by the constructor, so a view returned from a mapping is
    // built in place in its destination; an object initializer (NameIsNumber) made a temporary that was then copied whole, and
    // the copy's wide loads of fields just stored one by one stalled on every message. correlationId is the caller's, never
    // below NoCorrelationId.
    internal MessageView(
        MessageKind kind,
        ReadOnlySpan<byte> raw,
        ReadOnlySpan<byte> name,
        ReadOnlySpan<byte> payload,
        ReadOnlySpan<ArgumentSlice> arguments,
        ReadOnlySpan<ReadOnlyMemory<byte>> attachments,
        ReadOnlySpan<byte> scope,
        long correlationId,
        bool nameIsNumber)
    {
        Kind = kind;
        Raw = raw;
        Name = name;
        Payload = payload;
        Scope = scope;
        CorrelationId = correlationId;
        NameIsNumber = nameIsNumber;
        _arguments = arguments;
        _attachments = attachments;
    }

    private static long Checked(long correlationId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(correlationId, NoCorrelationId);
        return correlationId;
    }

    /// <summary>What the message is.</summary>
    public MessageKind Kind { get; }

    /// <summary>The frame exactly as received; for a message in several frames, its first (text) frame.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The message's name as unescaped UTF-8 (a numeric Socket.IO event name is its number's text); empty when it has none.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>
    /// Whether the name was a number on the wire rather than a string: Socket.IO allows an event named by a JSON number
    /// (<c>42[42,…]</c>), whose <see cref="Name"/> is then the number's text, <c>42</c>, the same bytes as the string
    /// <c>"42"</c>'s. Set by the transport's mapping; generated messages (whose wire names are strings) and the dispatch
    /// table never match a numeric name.
    /// </summary>
    public bool NameIsNumber { get; init; }

    /// <summary>The channel within the connection the message belongs to (for Socket.IO: its namespace); empty when the envelope has none.</summary>
    public ReadOnlySpan<byte> Scope { get; }

    /// <summary>Pairs a request with its reply, or <see cref="NoCorrelationId"/>.</summary>
    public long CorrelationId { get; }

    /// <summary>Whether the message carries a <see cref="CorrelationId"/> (a reply to one of ours, or a request for one).</summary>
    public bool HasCorrelationId => CorrelationId != NoCorrelationId;

    /// <summary>The message's JSON value as received: for Socket.IO the whole array (name included), for a JSON action the object.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Binary parts that came with the message (for Socket.IO: the attachments, by number).</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Attachments => _attachments;

    /// <summary>How many arguments the message has.</summary>
    public int ArgumentCount => _payloadIsArgument ? (Payload.IsEmpty ? 0 : 1) : _arguments.Length;

    // The decoder's layout, for the runtime's lease and the transports' own copies.
    internal ReadOnlySpan<ArgumentSlice> ArgumentSlices => _arguments;

    internal bool PayloadIsArgument => _payloadIsArgument;

    /// <summary>
    /// Gets argument <paramref name="index"/> as the decoder found it: its JSON text, or the bytes of the attachment that
    /// stands in for it. An index into the precomputed list; nothing is parsed here.
    /// </summary>
    /// <param name="index">The zero-based argument (for a Socket.IO event, the array element after the name).</param>
    /// <param name="json">The argument's JSON text, or the attachment's bytes.</param>
    /// <returns><see langword="false"/> when there is no such argument.</returns>
    public bool TryGetArgument(int index, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (_payloadIsArgument)
        {
            if (index != 0 || Payload.IsEmpty)
            {
                return false;
            }

            json = Payload;
            return true;
        }

        if ((uint)index >= (uint)_arguments.Length)
        {
            return false;
        }

        // A slice outside what it points into is a transport bug; it reads as "no such argument", never as an exception.
        var slice = _arguments[index];
        if (slice.IsAttachment)
        {
            if (slice.AttachmentIndex >= _attachments.Length)
            {
                return false;
            }

            json = _attachments[slice.AttachmentIndex].Span;
            return true;
        }

        if ((ulong)(uint)slice.Start + (uint)slice.Length > (uint)Payload.Length)
        {
            return false;
        }

        json = Payload.Slice(slice.Start, slice.Length);
        return true;
    }

    /// <summary>
    /// Gets argument <paramref name="index"/>'s bytes when the argument is a whole attachment: Socket.IO's
    /// <c>451-["chunk",{"_placeholder":true,"num":0}]</c>, where the decoder replaced the placeholder by the binary part it
    /// names. <see cref="TryGetArgument(int, out ReadOnlySpan{byte})"/> returns the same bytes but cannot tell them from JSON;
    /// a reader whose value is binary needs to know, a reader whose value is JSON sent as an attachment does not.
    /// </summary>
    /// <param name="index">The zero-based argument.</param>
    /// <param name="bytes">The attachment's bytes (valid for the call only, like the view).</param>
    /// <returns><see langword="false"/> when there is no such argument or it is JSON inside the payload.</returns>
    public bool TryGetArgumentAttachment(int index, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (_payloadIsArgument || (uint)index >= (uint)_arguments.Length)
        {
            return false;
        }

        var slice = _arguments[index];
        if (!slice.IsAttachment || slice.AttachmentIndex >= _attachments.Length)
        {
            return false;
        }

        bytes = _attachments[slice.AttachmentIndex].Span;
        return true;
    }

    /// <summary>Like <see cref="TryGetArgument(int, out ReadOnlySpan{byte})"/>, positioned on the argument's first token.</summary>
    /// <param name="index">The zero-based argument.</param>
    /// <param name="reader">A reader over the argument, already on its first token.</param>
    /// <returns><see langword="false"/> when there is no such argument, or it is not JSON.</returns>
    public bool TryGetArgumentReader(int index, out Utf8JsonReader reader)
    {
        // Every typed read starts here: the reader is built once, in place (no zeroing first), and the try region
        // lives in a helper so it does not pin this method's locals to the stack.
        if (!TryGetArgument(index, out var json))
        {
            reader = default;
            return false;
        }

        // The state-taking constructor directly, as the generated readers do (MessageEmitter says why): default options, no
        // intermediate copy.
        reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        return TryReadFirstToken(ref reader);
    }

    private static bool TryReadFirstToken(ref Utf8JsonReader reader)
    {
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
}
