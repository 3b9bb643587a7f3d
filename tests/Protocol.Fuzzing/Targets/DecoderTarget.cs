using Protocol.SocketIO;
using Protocol.SocketIO.EngineIO;

namespace Protocol.Fuzzing.Targets;

/// <summary>
/// Engine.IO frame decoding (as a text and as a binary frame), then Socket.IO packet decoding of the message payload
/// and of the raw input, then every accessor on an accepted packet (<see cref="PacketProbe"/>).
/// Documented rejections: <c>TryDecode</c> returns false; <c>Decode</c> throws <see cref="SocketIOProtocolException"/>
/// with the same error. The canonical fast path in front of the parser agrees with the full parser on what it accepts.
/// </summary>
internal sealed class DecoderTarget : IFuzzTarget
{
    // Small limits reach the size and attachment-count checks with the short inputs AFL favours.
    private static readonly SocketIOCodecOptions Small = new() { MaxPayloadBytes = 48, MaxAttachments = 2 };

    public string Name => "decoder";

    public void Run(ReadOnlySpan<byte> input)
    {
        DecodeEngineIO(input, isBinary: false);
        DecodeEngineIO(input, isBinary: true);
        DecodeSocketIO(input);
    }

    private static void DecodeEngineIO(ReadOnlySpan<byte> frame, bool isBinary)
    {
        bool ok = EngineIOPacketDecoder.TryDecode(frame, isBinary, out EngineIOPacket packet, out SocketIOProtocolError error);
        Invariant.That(ok == (error == SocketIOProtocolError.None), "Engine.IO TryDecode result disagrees with its error");
        try
        {
            EngineIOPacket thrown = EngineIOPacketDecoder.Decode(frame, isBinary);
            Invariant.That(ok && thrown.Type == packet.Type && thrown.Data.SequenceEqual(packet.Data), "Engine.IO Decode accepted what TryDecode refused, or decoded differently");
        }
        catch (SocketIOProtocolException ex)
        {
            Invariant.That(!ok && ex.Error == error, "Engine.IO Decode refused what TryDecode accepted, or with another error");
        }

        _ = EngineIOPacketDecoder.TryDecode(frame, isBinary, out _, out _, maxPayloadBytes: Small.MaxPayloadBytes);
        if (!ok)
        {
            return;
        }

        Invariant.That(packet.IsBinary == isBinary, "IsBinary differs from the frame kind");
        if (isBinary)
        {
            Invariant.That(packet.Type == EngineIOPacketType.Message && packet.Data.SequenceEqual(frame), "a binary frame is not a whole message packet");
            return;
        }

        Invariant.That((uint)packet.Type <= (uint)EngineIOPacketType.Noop && packet.Data.Length == frame.Length - 1, "Engine.IO text packet split wrongly");
        if (packet.Type == EngineIOPacketType.Message)
        {
            DecodeSocketIO(packet.Data);
        }
    }

    private static void DecodeSocketIO(ReadOnlySpan<byte> data)
    {
        bool ok = SocketIOPacketDecoder.TryDecode(data, out SocketIOPacket packet, out SocketIOProtocolError error);
        Invariant.That(ok == (error == SocketIOProtocolError.None), "Socket.IO TryDecode result disagrees with its error");
        try
        {
            SocketIOPacket thrown = SocketIOPacketDecoder.Decode(data);
            Invariant.That(ok && thrown.Type == packet.Type && thrown.Payload.SequenceEqual(packet.Payload), "Socket.IO Decode accepted what TryDecode refused, or decoded differently");
        }
        catch (SocketIOProtocolException ex)
        {
            Invariant.That(!ok && ex.Error == error, "Socket.IO Decode refused what TryDecode accepted, or with another error");
        }

        if (SocketIOPacketDecoder.TryDecode(data, out SocketIOPacket small, out _, Small))
        {
            Invariant.That(ok && small.Type == packet.Type, "the small limits accepted what the default limits refused");
        }

        CanonicalAgrees(data, SocketIOCodecOptions.Default);
        CanonicalAgrees(data, Small);
        if (ok)
        {
            PacketProbe.Probe(packet, data, attachments: default);
        }
    }

    // The canonical fast path accepts only what the full parser accepts, with the same layout and argument slices.
    private static void CanonicalAgrees(ReadOnlySpan<byte> data, SocketIOCodecOptions options)
    {
        var fastArguments = new SocketIOArgumentLayout();
        if (!SocketIOCanonicalEvent.TryParse(data, options, out SocketIOPacketLayout fast, fastArguments))
        {
            return;
        }

        var fullArguments = new SocketIOArgumentLayout();
        var error = SocketIOPacketParser.ParseValidating(data, options, out SocketIOPacketLayout full, out _, fullArguments);
        Invariant.That(error == SocketIOProtocolError.None, "the canonical fast path accepted a packet the full parser refuses");
        Invariant.That(fast.Equals(full), "the canonical fast path laid a packet out differently from the full parser");
        Invariant.That(fastArguments.Slices.SequenceEqual(fullArguments.Slices), "the canonical fast path recorded other argument slices than the full parser");
    }
}
