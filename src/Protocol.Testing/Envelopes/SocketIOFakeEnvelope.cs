using System.Text;
using Protocol.Connections;
using Protocol.SocketIO;

namespace Protocol.Testing.Envelopes;

// Decodes with the real codec and assembler, and maps with the connection's own packet -> view mapping, so a scripted
// 42[...] or 451-[...] + binary frame reaches the runtime exactly as it would from a socket.
internal sealed class SocketIOFakeEnvelope : FakeEnvelope
{
    public override string Name => "Socket.IO";

    public override FakeFrameDecoder CreateDecoder() => new Decoder();

    private sealed class Decoder : FakeFrameDecoder
    {
        private readonly SocketIOMessageAssembler _assembler = new();
        private readonly ReadOnlyMemory<byte>[] _attachments;
        // The waiting binary header's frame, in a buffer reused from one header to the next (a fake transport used in
        // benchmarks must not add bytes of its own per message).
        private byte[] _header = [];
        private int _headerLength;
        private byte[] _nameScratch = [];

        public Decoder() => _attachments = new ReadOnlyMemory<byte>[_assembler.Options.MaxAttachments];

        public override int PendingAttachmentCount => _assembler.PendingAttachmentCount;

        public override void Decode(ReadOnlySpan<byte> frame, bool isText, IMessageSink sink)
        {
            if (!isText)
            {
                DecodeAttachment(frame, sink);
                return;
            }

            if (frame.IsEmpty || frame[0] != (byte)'4')
            {
                throw new FakeFrameException(DescribeNonMessage(frame));
            }

            bool complete;
            SocketIOMessage message;
            try
            {
                complete = _assembler.ReceiveText(frame[1..], out message);
            }
            catch (SocketIOProtocolException error)
            {
                throw new FakeFrameException($"'{Encoding.UTF8.GetString(frame)}' is not a valid Socket.IO packet: {error.Message}", error);
            }

            if (complete)
            {
                sink.OnMessage(SocketIOMessageViews.Create(message.Packet, frame, default, ref _nameScratch));
            }
            else
            {
                // A binary header: its frame is the message's Raw text once the attachments arrive.
                if (_header.Length < frame.Length)
                {
                    _header = new byte[Math.Max(frame.Length, _header.Length * 2)];
                }

                frame.CopyTo(_header);
                _headerLength = frame.Length;
            }
        }

        protected override void Dispose(bool disposing) => _assembler.Dispose();

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
                throw new FakeFrameException($"A binary frame ({frame.Length} bytes) arrived with no binary header waiting for it. Socket.IO sends binary data only as attachments announced by a header such as 451-[\"event\",{{\"_placeholder\":true,\"num\":0}}]; push the header first.");
            }

            bool complete;
            SocketIOMessage message;
            try
            {
                complete = _assembler.ReceiveBinary(frame, out message);
            }
            catch (SocketIOProtocolException error)
            {
                throw new FakeFrameException($"The binary frame ({frame.Length} bytes) was refused: {error.Message}", error);
            }

            if (!complete)
            {
                return;
            }

            var count = message.AttachmentCount;
            for (var i = 0; i < count; i++)
            {
                _attachments[i] = message.GetAttachmentMemory(i);
            }

            try
            {
                sink.OnMessage(SocketIOMessageViews.Create(message.Packet, _header.AsSpan(0, _headerLength), _attachments.AsSpan(0, count), ref _nameScratch));
            }
            finally
            {
                _attachments.AsSpan(0, count).Clear();
            }
        }
    }
}
