using System.Buffers;
using System.Text;
using System.Text.Json;
using Protocol.SocketIO.EngineIO;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO;

/// <summary>The read loop's synchronous half: decode a frame, answer pings, reassemble, bookkeep, dispatch.</summary>
public sealed partial class SocketIOConnection
{
    // Returns false when the server asked to close (Engine.IO close packet). Parsed in place on the read loop: one
    // segment (the usual case) as it is; several are linearised once, at the message's exact length, because the
    // packet parser works on spans.
    private bool ProcessFrame(in TransportFrame frame)
    {
        var payload = frame.Payload;
        if (payload.IsSingleSegment)
        {
            return ProcessFrame(payload.FirstSpan, frame.Kind == FrameKind.Binary);
        }

        if (frame.Kind == FrameKind.Binary)
        {
            // An attachment is copied by the assembler anyway: straight from the segments, once.
            _watchdog!.Touch();
            ProcessAttachment(_assembler.ReceiveBinary(payload, out var assembled), assembled);
            return true;
        }

        var length = checked((int)payload.Length);
        var buffer = Protocol.InboundBuffers.Rent(_options.BufferPool, length);
        try
        {
            payload.CopyTo(buffer);
            return ProcessFrame(buffer.AsSpan(0, length), frame.Kind == FrameKind.Binary);
        }
        finally
        {
            Protocol.InboundBuffers.Return(_options.BufferPool, buffer);
        }
    }

    private bool ProcessFrame(ReadOnlySpan<byte> bytes, bool isBinary)
    {
        // Any frame is proof of life, whatever it carries (a burst of events can delay the server's ping).
        _watchdog!.Touch();
        var packet = EngineIOPacketDecoder.Decode(bytes, isBinary, _options.MaxInboundMessageBytes);
        if (isBinary)
        {
            ProcessAttachment(_assembler.ReceiveBinary(packet.Data, out var assembled), assembled);
            return true;
        }

        switch (packet.Type)
        {
            case EngineIOPacketType.Ping:
                _sendQueue.TryEnqueue(OutboundPacket.Pong);
                return true;
            case EngineIOPacketType.Message:
                // An Engine.IO message frame is its '4' and the Socket.IO packet. A binary header's whole frame is kept by the
                // assembler, as the reassembled message's Raw text.
                if (_assembler.ReceiveFrame(bytes, bytes.Length - packet.Data.Length, out var message))
                {
                    Dispatch(message, bytes);
                    return !_lastNamespaceLeft;
                }
                else
                {
                    _attachmentDeadline.Arm(_assembler.PendingAttachmentCount);
                }

                return true;
            case EngineIOPacketType.Close:
                return false;
            case EngineIOPacketType.Open:
                throw new SocketIOProtocolException(SocketIOProtocolError.UnknownPacketType, "The server sent a second Engine.IO open packet on an open session; the connection was closed. This is a server bug or not an Engine.IO v4 server.");
            default:
                // noop, upgrade and pong carry nothing for a WebSocket-only v4 client.
                SocketIOLog.IgnoredEnginePacket(_logger, packet.Type);
                return true;
        }
    }

    private void ProcessAttachment(bool complete, scoped SocketIOMessage assembled)
    {
        _attachmentDeadline.Received(_assembler.PendingAttachmentCount);
        if (complete)
        {
            DispatchAssembled(assembled);
        }
    }

    private void DispatchAssembled(scoped SocketIOMessage message)
    {
        // The views point into the assembler's pooled buffers, which the next message reuses: valid for this dispatch only.
        Dispatch(message, message.HeaderFrame);
    }

    private void Dispatch(scoped in SocketIOMessage message, ReadOnlySpan<byte> raw)
    {
        // Control packets are the connection's own business; only events and acks become messages (the runtime knows
        // no Socket.IO: a server leaving the last namespace reaches it as the session ending, through Completion).
        switch (message.Type)
        {
            case SocketIOPacketType.Connect:
                OnNamespaceConnected(message.Packet);
                return;
            case SocketIOPacketType.ConnectError:
                OnNamespaceRefused(message.Packet);
                return;
            case SocketIOPacketType.Disconnect:
                OnNamespaceDisconnected(message.Packet);
                return;
        }

        // The one packet -> view mapping (shared with the test kit), with the argument layout computed once.
        var view = _mapper.Map(message, raw);
        var kind = view.Kind;
        if (kind == MessageKind.Reply)
        {
            CompleteAck(view);
        }

        if (_handler is null)
        {
            return;
        }

        try
        {
            _handler(view);
        }
        catch (Exception ex)
        {
            SocketIOLog.HandlerFailed(_logger, ex, kind);
        }
    }

    private void CompleteAck(scoped in MessageView view)
    {
        if (_pendingAcks.TryGetValue(view.CorrelationId, out var pending) && view.GetNamespace().SequenceEqual(pending.NamespaceUtf8))
        {
            // Copy only when someone waits: the view dies with this frame.
            pending.TryComplete(new SocketIOAck(view));
        }
        else
        {
            SocketIOLog.UnmatchedAck(_logger, view.CorrelationId);
        }
    }

    private void OnNamespaceConnected(SocketIOPacket packet)
    {
        var name = Encoding.UTF8.GetString(packet.Namespace);
        if (!_namespaces.TryGetValue(name, out var entry))
        {
            return;
        }

        string? sid = null;
        var reader = new Utf8JsonReader(packet.Payload);
        if (packet.HasPayload && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSid = JsonStringUnicode.ValueTextEquals(reader, "sid"u8);
                reader.Read();
                if (isSid && reader.TokenType == JsonTokenType.String)
                {
                    // The socket id names the session like an event name names a handler: it must be valid Unicode.
                    sid = JsonStringUnicode.GetStringOrNull(reader) ?? throw new SocketIOProtocolException(SocketIOProtocolError.InvalidPayload,
                        $"The server's CONNECT for namespace '{name}' has a \"sid\" that is not valid Unicode (an escaped lone UTF-16 surrogate). Close the connection: the server is broken or hostile.");
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        // The "server left" mark goes first: marking the entry connected resumes whoever awaits ConnectNamespaceAsync, and an
        // emit right after it must not still find the namespace marked as left (it failed that way, now and then).
        _serverLeft.TryRemove(name, out _);
        entry.MarkConnected(sid);
        SocketIOLog.NamespaceConnected(_logger, name);
    }

    private void OnNamespaceRefused(SocketIOPacket packet)
    {
        var name = Encoding.UTF8.GetString(packet.Namespace);
        var message = "(no message)";
        ReadOnlyMemory<byte> data = default;
        var reader = new Utf8JsonReader(packet.Payload);
        if (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                message = RefusalMessage(reader);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (JsonStringUnicode.ValueTextEquals(reader, "message"u8))
                    {
                        reader.Read();
                        message = reader.TokenType == JsonTokenType.String ? RefusalMessage(reader) : message;
                        reader.Skip();
                    }
                    else if (JsonStringUnicode.ValueTextEquals(reader, "data"u8))
                    {
                        reader.Read();
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        data = packet.Payload[start..(int)reader.BytesConsumed].ToArray();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
        }

        SocketIOLog.NamespaceRefused(_logger, name, message);
        if (_namespaces.TryRemove(name, out var entry))
        {
            entry.Connected.TrySetException(new SocketIOConnectException(name, message, data));
        }
    }

    // The refusal still refuses when its text is not valid Unicode: say so instead of failing the whole session.
    private static string RefusalMessage(scoped in Utf8JsonReader reader) =>
        JsonStringUnicode.GetStringOrNull(reader) ?? "(the server's message is not valid Unicode: it escapes a lone UTF-16 surrogate)";

    private void OnNamespaceDisconnected(SocketIOPacket packet)
    {
        var name = Encoding.UTF8.GetString(packet.Namespace);
        if (!_namespaces.TryRemove(name, out var entry))
        {
            return;
        }

        // Marked first: an emit racing with this packet either fails typed here or registers an ack failed just below.
        _serverLeft[name] = 0;
        entry.MarkDisconnected();
        entry.Connected.TrySetException(new SocketIONamespaceDisconnectedException($"Connecting namespace '{name}'", name));
        SocketIOLog.NamespaceDisconnected(_logger, name);
        foreach (var pending in _pendingAcks.Values)
        {
            if (pending.Namespace == name)
            {
                pending.TryFail(new SocketIONamespaceDisconnectedException($"Waiting for the ack of '{pending.EventName}'", name));
            }
        }

        try
        {
            NamespaceDisconnected?.Invoke(name);
        }
        catch (Exception ex)
        {
            SocketIOLog.NamespaceHandlerFailed(_logger, ex, name);
        }

        // The exception tells a session the server ended on purpose (a platform's "go away", e.g. a refused login) from a
        // transport close, which shares the reason ServerDisconnect.
        if (_namespaces.IsEmpty && TrySetCloseInfo(new SocketIODisconnectInfo(
            SocketIODisconnectReason.ServerDisconnect,
            new SocketIONamespaceDisconnectedException("The session", name),
            $"The server disconnected namespace '{name}' and no namespace is left, so the session was closed (as the reference client does).")))
        {
            _lastNamespaceLeft = true;
        }
    }
}
