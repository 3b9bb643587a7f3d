using System.Text;
using CsCheck;
using Protocol.Tests.Properties;
using Protocol.SocketIO.EngineIO;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>Generated packets encode, then decode (and reassemble) to the same parts.</summary>
public sealed class CodecRoundTripProperties
{
    private const int Iterations = 12_000;

    [Fact]
    public void Generated_packets_decode_to_what_was_encoded() =>
        Property.ForAll(PacketGen.Packet, "0000001diqv1", Iterations, spec =>
        {
            var encoder = new SocketIOPacketEncoder();
            var frame = spec.Encode(encoder);
            ReadOnlySpan<byte> packet = frame;
            if (spec.EngineIOPrefix)
            {
                var engine = EngineIOPacketDecoder.Decode(frame, isBinary: false);
                engine.Type.ShouldBe(EngineIOPacketType.Message);
                packet = engine.Data;
            }

            ShouldMatch(SocketIOPacketDecoder.Decode(packet), spec);

            // The same packet through the per-connection assembler, attachments included.
            using var assembler = new SocketIOMessageAssembler();
            if (assembler.ReceiveText(packet, out var message))
            {
                spec.Attachments.ShouldBeEmpty();
            }
            else
            {
                for (var i = 0; i < spec.Attachments.Length; i++)
                {
                    assembler.ReceiveBinary(spec.Attachments[i], out message).ShouldBe(i == spec.Attachments.Length - 1);
                }

                for (var i = 0; i < spec.Attachments.Length; i++)
                {
                    message.GetAttachment(i).ToArray().ShouldBe(spec.Attachments[i]);
                }
            }

            ShouldMatch(message.Packet, spec);
        });

    [Fact]
    public void Connection_frames_from_dotnet_strings_decode_to_the_same_strings_or_are_refused() =>
        Property.ForAll(Gen.Select(JsonGen.AnyText, JsonGen.AnyText, PacketGen.AckId, PacketGen.Arguments), "0000000000d2", Iterations, t =>
        {
            var (nsp, name, ackId, args) = t;
            nsp = "/" + nsp.Replace(",", "");
            var frames = new PacketFrames(SocketIOCodecOptions.Default);
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            try
            {
                frames.Event(output, nsp, ackId ?? -1, name, Encoding.UTF8.GetBytes(string.Join(",", args)), 0);
            }
            catch (ArgumentException refused)
            {
                // The documented refusals: an empty or reserved name, text that is not valid Unicode.
                (name.Length == 0 || SocketIOPacketParser.IsReserved(Encoding.UTF8.GetBytes(name)) || !IsUnicode(name) || !IsUnicode(nsp))
                    .ShouldBeTrue($"refused valid input: {refused.Message}");
                return;
            }

            var packet = SocketIOPacketDecoder.Decode(output.WrittenSpan[1..]);
            packet.GetEventNameString().ShouldBe(name);
            Encoding.UTF8.GetString(packet.Namespace).ShouldBe(nsp == "/" ? "/" : nsp);
            packet.AckId.ShouldBe(ackId);
            packet.ArgumentCount.ShouldBe(args.Length);
        }, print: t => $"nsp={JsonGen.Quote(t.Item1)} name={JsonGen.Quote(t.Item2)} ack={t.Item3} args=[{string.Join(",", t.Item4)}]");

    private static bool IsUnicode(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void ShouldMatch(SocketIOPacket packet, PacketSpec spec)
    {
        packet.Type.ShouldBe(spec.Type);
        Encoding.UTF8.GetString(packet.Namespace).ShouldBe(spec.Namespace.Length == 0 ? "/" : spec.Namespace);
        packet.AckId.ShouldBe(spec.AckId);
        packet.AttachmentCount.ShouldBe(spec.Attachments.Length);
        switch (spec.Type)
        {
            case SocketIOPacketType.Connect:
            case SocketIOPacketType.ConnectError:
            case SocketIOPacketType.Disconnect:
                Encoding.UTF8.GetString(packet.Payload).ShouldBe(spec.Data);
                return;
            case SocketIOPacketType.Event:
            case SocketIOPacketType.BinaryEvent:
                packet.GetEventNameString().ShouldBe(spec.Name);
                packet.EventNameEquals(Encoding.UTF8.GetBytes(spec.Name)).ShouldBeTrue();
                break;
        }

        packet.ArgumentCount.ShouldBe(spec.Arguments.Length);
        var i = 0;
        foreach (var argument in packet.Arguments)
        {
            Encoding.UTF8.GetString(argument).ShouldBe(spec.Arguments[i++]);
            SocketIOPlaceholder.TryParse(argument, out var num).ShouldBe(spec.Arguments[i - 1].StartsWith("{\"_placeholder\"", StringComparison.Ordinal));
            if (num >= 0)
            {
                num.ShouldBeLessThan(spec.Attachments.Length);
            }
        }
    }
}
