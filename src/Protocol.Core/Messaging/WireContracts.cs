using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Protocol;

/// <summary>A type with a reflection-free JSON reader (generated for <c>[ProtocolMessage]</c> and <c>[WireType]</c> types, or hand-written).</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IWireReadable<TSelf>
    where TSelf : IWireReadable<TSelf>
{
    /// <summary>
    /// Reads one value starting at the reader's current token and leaves the reader on the value's last token. Unknown object
    /// properties and extra array elements are skipped.
    /// </summary>
    /// <param name="reader">A reader positioned on the value's first token.</param>
    /// <param name="value">The value read.</param>
    /// <returns>
    /// <see langword="false"/> when the JSON does not have the declared shape (a required member missing, a wrong token) or is malformed
    /// (cut off, invalid text, a number out of range). Implementations never throw on input: the runtime counts a false as unreadable.
    /// </returns>
    static abstract bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out TSelf value);
}

/// <summary>A type with a reflection-free JSON writer.</summary>
public interface IWireWritable
{
    /// <summary>Writes this value as one JSON value.</summary>
    /// <param name="writer">The destination.</param>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>An inbound protocol message: its wire name, its routing rule and its reader.</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IIncomingMessage<TSelf> : IWireReadable<TSelf>
    where TSelf : IIncomingMessage<TSelf>
{
    /// <summary>The event or action name as UTF-8 (the generated type also has a <c>WireName</c> string constant).</summary>
    static abstract ReadOnlySpan<byte> WireNameUtf8 { get; }

    /// <summary>
    /// Other names the message arrives under (<c>[ProtocolMessage(…, Aliases = …)]</c>), as UTF-8; the dispatch table routes each to this
    /// type. Empty by default.
    /// </summary>
    static virtual IReadOnlyList<byte[]> WireAliasesUtf8 => [];

    /// <summary>
    /// Whether reading the message can report a property its declaration does not have (an object read without
    /// <c>[WireExtensionData]</c>, at any depth). The generator says <see langword="false"/> for a message that reads no object,
    /// and the runtime then sets up no report scope around its reads; <see langword="true"/> by default.
    /// </summary>
    static virtual bool ReportsUnknownMembers => true;

    /// <summary>Whether <paramref name="message"/> is this message (one-step and reassembled two-step forms alike).</summary>
    /// <param name="message">The inbound message.</param>
    /// <returns><see langword="true"/> when the kind and name match.</returns>
    static abstract bool Matches(MessageView message);

    /// <summary>Reads the message's data from a view that <see cref="Matches"/> accepted.</summary>
    /// <param name="message">The inbound message.</param>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> when the data is missing, malformed or does not have the declared shape; never throws on input.</returns>
    static abstract bool TryRead(MessageView message, [MaybeNullWhen(false)] out TSelf value);
}

/// <summary>An outbound protocol message: writes its whole envelope.</summary>
public interface IOutgoingMessage : IWireWritable
{
    /// <summary>The event or action name.</summary>
    string MessageName { get; }

    /// <summary>Writes the whole frame text (<c>42["name",{…}]</c>, or the JSON-action object).</summary>
    /// <param name="output">The destination.</param>
    void WriteEnvelope(IBufferWriter<byte> output);
}
