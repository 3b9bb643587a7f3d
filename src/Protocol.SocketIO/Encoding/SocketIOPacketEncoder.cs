using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Protocol.SocketIO;

/// <summary>
/// Writes Socket.IO v5 packets (optionally as the Engine.IO message <c>4</c> + packet, which is what a WebSocket text
/// frame carries) into an <see cref="IBufferWriter{T}"/>, with no intermediate strings. Each packet is built in a
/// reused scratch buffer, checked with the same rules the decoder (and socket.io-parser 4.2.7) applies, and only then
/// copied to the output: the encoder never emits what the reference server would reject, and on any exception nothing
/// is written to the output. Steady-state encoding allocates nothing. Not thread-safe: one encoder per send loop.
/// </summary>
/// <remarks>
/// Binary events/acks: the encoder writes the header (<c>N-</c> and the placeholders the caller put in the JSON, see
/// <see cref="SocketIOPlaceholder"/>) and checks every placeholder against <c>attachmentCount</c>. The caller sends the
/// header frame followed by the N attachments as binary frames, in placeholder order, as one atomic unit.
/// JSON is compact; non-ASCII text is written as raw UTF-8 where System.Text.Json allows it (the relaxed encoder still
/// escapes a few characters such as emoji, which every JSON parser reads back identically).
/// </remarks>
public sealed class SocketIOPacketEncoder
{
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private readonly Utf8JsonWriter _json;

    // Where the JSON array starts in _scratch (after the header), for the array-only check.
    private int _arrayStart;

    /// <summary>Creates an encoder.</summary>
    /// <param name="options">Limits (max attachments, max packet size); <see cref="SocketIOCodecOptions.Default"/> when null.</param>
    public SocketIOPacketEncoder(SocketIOCodecOptions? options = null)
    {
        Options = options ?? SocketIOCodecOptions.Default;

        // Relaxed escaping is safe here: the JSON goes to a WebSocket peer, never into HTML.
        _json = new Utf8JsonWriter(_scratch, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The limits in force.</summary>
    public SocketIOCodecOptions Options { get; }

    /// <summary>Writes CONNECT: <c>40</c>, <c>40/admin,</c>, <c>40{"token":"123"}</c>...</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8; empty or <c>/</c> for the main namespace.</param>
    /// <param name="authJson">The auth payload, a JSON object, or empty for none.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c> (true for a WebSocket frame).</param>
    /// <exception cref="SocketIOEncodingException">Bad namespace, or <paramref name="authJson"/> is not a JSON object.</exception>
    public void WriteConnect(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> authJson = default, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Connect, 0, nsp, null);
        _scratch.Write(authJson);
        Commit(output, engineIOPrefix, nameof(authJson));
    }

    /// <summary>Writes CONNECT with an auth object whose properties a callback writes.</summary>
    /// <typeparam name="TState">The caller's state.</typeparam>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8; empty or <c>/</c> for the main namespace.</param>
    /// <param name="state">Passed to <paramref name="writeAuthProperties"/>.</param>
    /// <param name="writeAuthProperties">Writes the auth object's properties (the writer is inside <c>{ }</c>).</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteConnect<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, TState state, SocketIOJsonWriterCallback<TState> writeAuthProperties, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writeAuthProperties);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Connect, 0, nsp, null);
        _json.Reset(_scratch);
        _json.WriteStartObject();
        writeAuthProperties(_json, state);
        EndContainer(nameof(writeAuthProperties), isArray: false);
        Commit(output, engineIOPrefix, nameof(writeAuthProperties));
    }

    /// <summary>Writes DISCONNECT: <c>41</c> or <c>41/admin,</c>.</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8; empty or <c>/</c> for the main namespace.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteDisconnect(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Disconnect, 0, nsp, null);
        Commit(output, engineIOPrefix, nameof(nsp));
    }

    /// <summary>Writes CONNECT_ERROR (a server-side packet; useful for simulators and tests).</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="errorJson">A JSON object <c>{"message":..,"data"?:..}</c> or a JSON string.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteConnectError(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> errorJson, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.ConnectError, 0, nsp, null);
        _scratch.Write(errorJson);
        Commit(output, engineIOPrefix, nameof(errorJson));
    }

    /// <summary>Writes EVENT <c>42[/nsp,][id]["name",args...]</c> from pre-encoded arguments.</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8; empty or <c>/</c> for the main namespace.</param>
    /// <param name="eventName">The event name as plain UTF-8 text (it is JSON-escaped here).</param>
    /// <param name="ackId">Ack id to ask for an acknowledgement, or null.</param>
    /// <param name="argumentsJson">Comma-separated JSON values (<c>1,"a",{}</c>), or empty for none.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    /// <exception cref="SocketIOEncodingException">Reserved name, negative ack id, bad namespace or malformed arguments.</exception>
    public void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> eventName, long? ackId, ReadOnlySpan<byte> argumentsJson, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Event, 0, nsp, ackId);
        WriteArray(eventName, hasName: true, argumentsJson);
        CommitArray(output, nameof(argumentsJson));
    }

    /// <summary>Writes EVENT with arguments written by a callback into the reused <see cref="Utf8JsonWriter"/>.</summary>
    /// <typeparam name="TState">The caller's state.</typeparam>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="eventName">The event name as plain UTF-8 text.</param>
    /// <param name="ackId">Ack id, or null.</param>
    /// <param name="state">Passed to <paramref name="writeArguments"/>.</param>
    /// <param name="writeArguments">Writes each argument as a JSON value (the writer is inside the array, after the name).</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteEvent<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> eventName, long? ackId, TState state, SocketIOJsonWriterCallback<TState> writeArguments, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writeArguments);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Event, 0, nsp, ackId);
        WriteArray(eventName, hasName: true, state, writeArguments);
        CommitArray(output, nameof(writeArguments));
    }

    /// <summary>Writes ACK <c>43[/nsp,]id[args...]</c> from pre-encoded arguments.</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="ackId">The id of the event being acknowledged (0 or more).</param>
    /// <param name="argumentsJson">Comma-separated JSON values, or empty for <c>[]</c>.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteAck(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId, ReadOnlySpan<byte> argumentsJson, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Ack, 0, nsp, ackId);
        WriteArray(default, hasName: false, argumentsJson);
        CommitArray(output, nameof(argumentsJson));
    }

    /// <summary>Writes ACK with arguments written by a callback.</summary>
    /// <typeparam name="TState">The caller's state.</typeparam>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="ackId">The id of the event being acknowledged.</param>
    /// <param name="state">Passed to <paramref name="writeArguments"/>.</param>
    /// <param name="writeArguments">Writes each argument as a JSON value (the writer is inside the array).</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteAck<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId, TState state, SocketIOJsonWriterCallback<TState> writeArguments, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writeArguments);
        WriteHeader(engineIOPrefix, SocketIOPacketType.Ack, 0, nsp, ackId);
        WriteArray(default, hasName: false, state, writeArguments);
        CommitArray(output, nameof(writeArguments));
    }

    /// <summary>Writes the header of a BINARY_EVENT <c>45N-[/nsp,][id]["name",...placeholders...]</c> from pre-encoded arguments.</summary>
    /// <param name="output">Where the header frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="eventName">The event name as plain UTF-8 text.</param>
    /// <param name="ackId">Ack id, or null.</param>
    /// <param name="attachmentCount">How many binary frames follow (1..<see cref="SocketIOCodecOptions.MaxAttachments"/>).</param>
    /// <param name="argumentsJson">Comma-separated JSON values containing the placeholders <c>{"_placeholder":true,"num":k}</c>.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    /// <exception cref="SocketIOEncodingException">Count out of range, a placeholder number outside 0..count-1, or any EVENT rule.</exception>
    public void WriteBinaryEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> eventName, long? ackId, int attachmentCount, ReadOnlySpan<byte> argumentsJson, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.BinaryEvent, attachmentCount, nsp, ackId);
        WriteArray(eventName, hasName: true, argumentsJson);
        Commit(output, engineIOPrefix, nameof(argumentsJson));
    }

    /// <summary>Writes the header of a BINARY_EVENT with arguments (and placeholders, see <see cref="SocketIOPlaceholder.Write"/>) written by a callback.</summary>
    /// <typeparam name="TState">The caller's state.</typeparam>
    /// <param name="output">Where the header frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="eventName">The event name as plain UTF-8 text.</param>
    /// <param name="ackId">Ack id, or null.</param>
    /// <param name="attachmentCount">How many binary frames follow.</param>
    /// <param name="state">Passed to <paramref name="writeArguments"/>.</param>
    /// <param name="writeArguments">Writes each argument as a JSON value.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteBinaryEvent<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> eventName, long? ackId, int attachmentCount, TState state, SocketIOJsonWriterCallback<TState> writeArguments, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writeArguments);
        WriteHeader(engineIOPrefix, SocketIOPacketType.BinaryEvent, attachmentCount, nsp, ackId);
        WriteArray(eventName, hasName: true, state, writeArguments);
        Commit(output, engineIOPrefix, nameof(writeArguments));
    }

    /// <summary>Writes the header of a BINARY_ACK <c>46N-[/nsp,]id[...placeholders...]</c> from pre-encoded arguments.</summary>
    /// <param name="output">Where the header frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="ackId">The id of the event being acknowledged.</param>
    /// <param name="attachmentCount">How many binary frames follow.</param>
    /// <param name="argumentsJson">Comma-separated JSON values containing the placeholders.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteBinaryAck(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId, int attachmentCount, ReadOnlySpan<byte> argumentsJson, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(engineIOPrefix, SocketIOPacketType.BinaryAck, attachmentCount, nsp, ackId);
        WriteArray(default, hasName: false, argumentsJson);
        Commit(output, engineIOPrefix, nameof(argumentsJson));
    }

    /// <summary>Writes the header of a BINARY_ACK with arguments written by a callback.</summary>
    /// <typeparam name="TState">The caller's state.</typeparam>
    /// <param name="output">Where the header frame's bytes go.</param>
    /// <param name="nsp">Namespace in UTF-8.</param>
    /// <param name="ackId">The id of the event being acknowledged.</param>
    /// <param name="attachmentCount">How many binary frames follow.</param>
    /// <param name="state">Passed to <paramref name="writeArguments"/>.</param>
    /// <param name="writeArguments">Writes each argument as a JSON value.</param>
    /// <param name="engineIOPrefix">Prefix with the Engine.IO message type <c>4</c>.</param>
    public void WriteBinaryAck<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId, int attachmentCount, TState state, SocketIOJsonWriterCallback<TState> writeArguments, bool engineIOPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writeArguments);
        WriteHeader(engineIOPrefix, SocketIOPacketType.BinaryAck, attachmentCount, nsp, ackId);
        WriteArray(default, hasName: false, state, writeArguments);
        Commit(output, engineIOPrefix, nameof(writeArguments));
    }

    private void WriteHeader(bool engineIOPrefix, SocketIOPacketType type, int attachmentCount, ReadOnlySpan<byte> nsp, long? ackId)
    {
        _scratch.ResetWrittenCount();
        bool defaultNamespace = nsp.IsEmpty || nsp.SequenceEqual("/"u8);
        if (!defaultNamespace && (nsp[0] != (byte)'/' || nsp.Contains((byte)',') || !Utf8.IsValid(nsp)))
        {
            throw new SocketIOEncodingException(SocketIOProtocolError.InvalidNamespace,
                "A namespace must start with '/', must not contain ',' and must be valid UTF-8 (e.g. \"/admin\"u8); pass empty or \"/\" for the main namespace.", nameof(nsp));
        }

        if (ackId < 0)
        {
            throw new SocketIOEncodingException(SocketIOProtocolError.InvalidAckId,
                $"Ack id {ackId} is negative; ack ids are 0 or more (pass null for an event that wants no acknowledgement).", nameof(ackId));
        }

        if (type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
        {
            if (attachmentCount < 1)
            {
                throw new SocketIOEncodingException(SocketIOProtocolError.IllegalAttachments,
                    $"A binary packet needs at least 1 attachment (got {attachmentCount}); the server rejects '0-'. Send it as an EVENT/ACK instead.", nameof(attachmentCount));
            }

            if (attachmentCount > Options.MaxAttachments)
            {
                throw new SocketIOEncodingException(SocketIOProtocolError.TooManyAttachments,
                    $"{attachmentCount} attachments exceed the limit of {Options.MaxAttachments} (the server's maxAttachments, default 10). Split the data over several packets.", nameof(attachmentCount));
            }
        }

        Span<byte> span = _scratch.GetSpan(2 + 11 + 1 + nsp.Length + 1 + 20);
        int n = 0;
        if (engineIOPrefix)
        {
            span[n++] = (byte)'4';
        }

        span[n++] = (byte)('0' + (int)type);
        if (attachmentCount > 0)
        {
            Utf8Formatter.TryFormat(attachmentCount, span[n..], out int written);
            n += written;
            span[n++] = (byte)'-';
        }

        if (!defaultNamespace)
        {
            nsp.CopyTo(span[n..]);
            n += nsp.Length;
            span[n++] = (byte)',';
        }

        if (ackId is long id)
        {
            Utf8Formatter.TryFormat(id, span[n..], out int written);
            n += written;
        }

        _scratch.Advance(n);
        _arrayStart = _scratch.WrittenCount;
    }

    private void WriteArray(ReadOnlySpan<byte> eventName, bool hasName, ReadOnlySpan<byte> argumentsJson)
    {
        _json.Reset(_scratch);
        _json.WriteStartArray();
        if (hasName)
        {
            WriteEventName(eventName);
        }

        if (!argumentsJson.IsEmpty)
        {
            // Not validated by the writer: CommitArray (or Commit, for a binary packet) checks the finished array.
            _json.WriteRawValue(argumentsJson, skipInputValidation: true);
        }

        _json.WriteEndArray();
        _json.Flush();
    }

    private void WriteArray<TState>(ReadOnlySpan<byte> eventName, bool hasName, TState state, SocketIOJsonWriterCallback<TState> writeArguments)
    {
        _json.Reset(_scratch);
        _json.WriteStartArray();
        if (hasName)
        {
            WriteEventName(eventName);
        }

        writeArguments(_json, state);
        EndContainer(nameof(writeArguments), isArray: true);
    }

    private void EndContainer(string paramName, bool isArray)
    {
        if (_json.CurrentDepth != 1)
        {
            throw new SocketIOEncodingException(SocketIOProtocolError.InvalidPayload,
                $"The JSON callback left the writer at depth {_json.CurrentDepth}; it must write complete values and leave the enclosing {(isArray ? "array" : "object")} open (depth 1).", paramName);
        }

        if (isArray)
        {
            _json.WriteEndArray();
        }
        else
        {
            _json.WriteEndObject();
        }

        _json.Flush();
    }

    private void WriteEventName(ReadOnlySpan<byte> eventName)
    {
        if (SocketIOPacketParser.IsReserved(eventName))
        {
            throw new SocketIOEncodingException(SocketIOProtocolError.ReservedEventName,
                $"\"{System.Text.Encoding.UTF8.GetString(eventName)}\" is reserved by Socket.IO (connect, connect_error, disconnect, disconnecting, newListener, removeListener) and the server closes the connection on it. Rename the event.", nameof(eventName));
        }

        if (!Utf8.IsValid(eventName))
        {
            throw new SocketIOEncodingException(SocketIOProtocolError.InvalidPayload, "The event name is not valid UTF-8; pass the name's UTF-8 bytes.", nameof(eventName));
        }

        _json.WriteStringValue(eventName);
    }

    // An EVENT or ACK without attachments: the header and the name were written and checked here, so only the array
    // can be wrong, and only where the caller supplied it (raw argument JSON, or a callback's raw values). One reader
    // pass over the array checks that, instead of re-parsing the whole frame with the inbound parser.
    private void CommitArray(IBufferWriter<byte> output, string paramName)
    {
        ReadOnlySpan<byte> frame = _scratch.WrittenSpan;
        CheckPayloadSize(frame, paramName);
        ReadOnlySpan<byte> array = frame[_arrayStart..];
        var reader = new Utf8JsonReader(array, new JsonReaderOptions { MaxDepth = SocketIOPacketParser.MaxJsonDepth });
        try
        {
            reader.Read();
            reader.Skip();

            // Anything but whitespace after the array makes Read() throw; a clean end returns false.
            if (reader.Read())
            {
                throw new SocketIOEncodingException(SocketIOProtocolError.InvalidPayload,
                    "Refusing to encode a packet the Socket.IO server would reject and answer by closing the connection: Invalid payload: data after the JSON value. Fix the argument.", paramName);
            }
        }
        catch (JsonException ex)
        {
            // Position and reason only: arguments carry session tokens, so no byte of them may reach the message.
            throw new SocketIOEncodingException(SocketIOProtocolError.InvalidPayload,
                $"Refusing to encode a packet the Socket.IO server would reject and answer by closing the connection: Invalid payload: the JSON of the packet {SocketIOPacketParser.DescribeJsonError(array, ex, reader.CurrentDepth)}. Fix the argument.", paramName);
        }

        output.Write(frame);
    }

    private void CheckPayloadSize(ReadOnlySpan<byte> frame, string paramName)
    {
        if (frame.Length > Options.MaxPayloadBytes)
        {
            throw new SocketIOEncodingException(SocketIOProtocolError.PayloadTooLarge,
                $"The encoded frame is {frame.Length} bytes, over the limit of {Options.MaxPayloadBytes} (the server's maxPayload; it closes the connection with 1009). Send less data per packet, or move bulk data into binary attachments.", paramName);
        }
    }

    // Packets whose shape rules the writer cannot see (CONNECT auth, CONNECT_ERROR data, binary placeholders): the
    // inbound parser checks the finished frame.
    private void Commit(IBufferWriter<byte> output, bool engineIOPrefix, string paramName)
    {
        ReadOnlySpan<byte> frame = _scratch.WrittenSpan;
        CheckPayloadSize(frame, paramName);

        SocketIOProtocolError error = SocketIOPacketParser.Parse(engineIOPrefix ? frame[1..] : frame, Options, out _, out string? detail);
        if (error != SocketIOProtocolError.None)
        {
            throw new SocketIOEncodingException(error,
                $"Refusing to encode a packet the Socket.IO server would reject and answer by closing the connection: {detail} Fix the argument.", paramName);
        }

        output.Write(frame);
    }
}
