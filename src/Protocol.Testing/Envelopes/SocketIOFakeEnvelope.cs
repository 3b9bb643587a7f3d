using System.Text;
using Protocol.SocketIO;
using Protocol.Infrastructure;

namespace Protocol.Testing.Envelopes;

// Decodes with the real codec and assembler, and maps with the connection's own packet -> view mapping
// (SocketIOViewMapper), so a scripted 42[...] or 451-[...] + binary frame reaches the runtime exactly as it would from a
// socket. Control packets do what the real connection makes of them for a one-namespace session: a CONNECT is consumed,
// a DISCONNECT ends the session (the server left the last namespace: the sink hears OnDisconnected, ClosedByServer).
internal sealed class SocketIOFakeEnvelope : FakeEnvelope
{
    public override string Name => "Socket.IO";

    public override FakeFrameDecoder CreateDecoder() => new Decoder();

    private sealed class Decoder : FakeFrameDecoder
    {
        private readonly SocketIOMessageAssembler _assembler = new();
        private readonly SocketIOViewMapper _mapper = new();

        public override int PendingAttachmentCount => _assembler.PendingAttachmentCount;

        // The test kit's receive path is a benchmark's too: the common case stays small, and what only a bad frame needs
        // (building an error message) lives in methods of its own, so this frame is not cleared for it on every message.
        public override void Decode(ReadOnlySpan<byte> frame, bool isText, IMessageSink sink)
        {
            if (!isText)
            {
                DecodeAttachment(frame, sink);
                return;
            }

            if (frame.IsEmpty || frame[0] != (byte)'4')
            {
                throw NotMessage(frame);
            }

            if (!TryReceiveText(frame, out var message))
            {
                // A binary header: the assembler keeps its frame, the message's Raw text once the attachments arrive.
                return;
            }

            if (SocketIOViewMapper.IsMessage(message.Type))
            {
                sink.OnMessage(_mapper.Map(message, frame));
            }
            else
            {
                OnControlPacket(message.Packet, frame, sink);
            }
        }

        private bool TryReceiveText(ReadOnlySpan<byte> frame, out SocketIOMessage message)
        {
            try
            {
                return _assembler.ReceiveFrame(frame, 1, out message);
            }
            catch (SocketIOProtocolException error)
            {
                throw Refused(frame, error);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static FakeFrameException NotMessage(ReadOnlySpan<byte> frame) => new(DescribeNonMessage(frame));

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static FakeFrameException Refused(ReadOnlySpan<byte> frame, SocketIOProtocolException error)
            => new($"'{Encoding.UTF8.GetString(frame)}' is not a valid Socket.IO packet: {error.Message}", error);

        // Explicit fields get the layout the parser would give the same packet: an event's payload is its array, name included.
        public override void DeliverFields(MessageKind kind, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name, ReadOnlySpan<byte> payload, long correlationId, ReadOnlySpan<ReadOnlyMemory<byte>> attachments, IMessageSink sink)
        {
            if (kind is not (MessageKind.Event or MessageKind.Reply))
            {
                base.DeliverFields(kind, raw, name, payload, correlationId, attachments, sink);
                return;
            }

            sink.OnMessage(_mapper.MapFields(kind, raw, name, payload, attachments, "/"u8, correlationId == MessageView.NoCorrelationId ? null : correlationId));
        }

        protected override void Dispose(bool disposing) => _assembler.Dispose();

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void OnControlPacket(scoped in SocketIOPacket packet, ReadOnlySpan<byte> frame, IMessageSink sink)
        {
            switch (packet.Type)
            {
                case SocketIOPacketType.Disconnect:
                    var name = Encoding.UTF8.GetString(packet.Namespace);
                    sink.OnDisconnected(new DisconnectInfo(
                        Protocol.DisconnectReason.ClosedByServer,
                        $"The server disconnected namespace '{name}' and no namespace is left, so the session was closed (as the reference client does).",
                        new SocketIONamespaceDisconnectedException("The session", name)));
                    break;
                case SocketIOPacketType.ConnectError:
                    throw new FakeFrameException($"'{Encoding.UTF8.GetString(frame)}' is a CONNECT_ERROR: the real Socket.IO connection meets it while joining its namespaces, before the runtime sees the session (its ConnectAsync fails). To simulate a refused connection, fail the attempt (FakeTransport) instead; to simulate the server ending the session, push a DISCONNECT (41) or call FakeConnection.Drop().");
                default:
                    // CONNECT: the connection has joined already; a repeated one changes nothing the runtime sees.
                    break;
            }
        }

        private static string DescribeNonMessage(ReadOnlySpan<byte> frame)
        {
            if (frame.IsEmpty)
            {
                return "An empty text frame is not an Engine.IO packet; Socket.IO messages start with 4 (42[\"event\",…]).";
            }

            var text = Encoding.UTF8.GetString(frame);
            return frame[0] is >= (byte)'0' and <= (byte)'6'
                ? $"'{text}' is an Engine.IO control packet (type {(char)frame[0]}). The Socket.IO connection answers pings and handles open, close and upgrade itself, below the runtime the fake connection stands in for: script only Socket.IO messages (frames starting with 4) and simulate a close with FakeConnection.Drop()."
                : $"'{text}' is not an Engine.IO packet: a Socket.IO message frame starts with 4, e.g. 42[\"event\",{{…}}].";
        }

        private void DecodeAttachment(ReadOnlySpan<byte> frame, IMessageSink sink)
        {
            if (!_assembler.IsAwaitingAttachments)
            {
                throw UnexpectedBinary(frame.Length);
            }

            if (!TryReceiveBinary(frame, out var message))
            {
                return;
            }

            // A binary header can only be an event or an ack: the parser refuses attachments on anything else.
            sink.OnMessage(_mapper.Map(message, message.HeaderFrame));
        }

        private bool TryReceiveBinary(ReadOnlySpan<byte> frame, out SocketIOMessage message)
        {
            try
            {
                return _assembler.ReceiveBinary(frame, out message);
            }
            catch (SocketIOProtocolException error)
            {
                throw RefusedBinary(frame.Length, error);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static FakeFrameException UnexpectedBinary(int length)
            => new($"A binary frame ({length} bytes) arrived with no binary header waiting for it. Socket.IO sends binary data only as attachments announced by a header such as 451-[\"event\",{{\"_placeholder\":true,\"num\":0}}]; push the header first.");

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static FakeFrameException RefusedBinary(int length, SocketIOProtocolException error)
            => new($"The binary frame ({length} bytes) was refused: {error.Message}", error);
    }
}
