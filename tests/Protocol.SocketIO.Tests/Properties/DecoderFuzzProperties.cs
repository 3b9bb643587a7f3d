using System.Buffers;
using System.Text;
using CsCheck;
using Protocol.Tests.Properties;
using Protocol.SocketIO.EngineIO;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// Engine.IO + Socket.IO decoding of arbitrary and mutated bytes: every frame decodes or is refused with the documented
/// typed error (false from TryDecode, <see cref="SocketIOProtocolException"/> from Decode, the same code from both);
/// whatever is accepted answers every accessor without throwing and can be encoded again to the same parts.
/// </summary>
public sealed class DecoderFuzzProperties
{
    private const int Iterations = 50_000;

    /// <summary>The official vectors (socketio.md §2.1, §1.2) plus edge cases, each with and without the Engine.IO '4'.</summary>
    private static readonly byte[][] Corpus =
    [
        .. PacketDecoderTests.Vectors.Select(row => (string)row[0]).Concat(
        [
            "2[\"\\ud83d\\ude00\",\"\\ud800\"]", "2[\"a\",{\"\\udc00\":1}]", "2[1.5,\"x\"]", "2007[\"a\"]", "0/admin",
            "61-3[{\"x\":[{\"_placeholder\":true,\"num\":0}]}]", "4\"Unauthorized\"", "3[]", "1/x,", "2[\"\"]",
        ]).SelectMany(wire => new[] { Encoding.UTF8.GetBytes(wire), Encoding.UTF8.GetBytes("4" + wire) }),
        .. new[] { "2", "3", "1", "6", "5", "0{\"sid\":\"x\"}", "2probe" }.Select(Encoding.UTF8.GetBytes),
    ];

    [Fact]
    public void Arbitrary_bytes_decode_or_are_refused_with_a_typed_error() =>
        Property.ForAll(ByteGen.Arbitrary, "0000001fv6qk", Iterations, CheckFrame, ByteGen.Print);

    [Fact]
    public void Mutated_official_vectors_decode_or_are_refused_with_a_typed_error() =>
        Property.ForAll(ByteGen.Mutated(Corpus), "00000012x3a9", Iterations, CheckFrame, ByteGen.Print);

    private static void CheckFrame(byte[] frame)
    {
        CheckEngineIO(frame, isBinary: true);
        if (CheckEngineIO(frame, isBinary: false) is { } message)
        {
            CheckSocketIO(message);
        }

        CheckSocketIO(frame); // the same bytes as a Socket.IO packet without the Engine.IO prefix
    }

    private static byte[]? CheckEngineIO(byte[] frame, bool isBinary)
    {
        var accepted = EngineIOPacketDecoder.TryDecode(frame, isBinary, out var packet, out var error);
        (error == SocketIOProtocolError.None).ShouldBe(accepted);
        if (!accepted)
        {
            Should.Throw<SocketIOProtocolException>(() => EngineIOPacketDecoder.Decode(frame, isBinary)).Error.ShouldBe(error);
            return null;
        }

        EngineIOPacketDecoder.Decode(frame, isBinary).Type.ShouldBe(packet.Type);
        return !isBinary && packet.Type == EngineIOPacketType.Message ? packet.Data.ToArray() : null;
    }

    private static void CheckSocketIO(byte[] bytes)
    {
        var accepted = SocketIOPacketDecoder.TryDecode(bytes, out var packet, out var error);
        (error == SocketIOProtocolError.None).ShouldBe(accepted);
        if (!accepted)
        {
            Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(bytes)).Error.ShouldBe(error);
            using var refusing = new SocketIOMessageAssembler();
            Should.Throw<SocketIOProtocolException>(() => refusing.ReceiveText(bytes, out _)).Error.ShouldBe(error);
            return;
        }

        ExerciseAccessors(packet);
        ReEncode(packet);

        using var assembler = new SocketIOMessageAssembler();
        if (!assembler.ReceiveText(bytes, out var message))
        {
            var count = assembler.PendingAttachmentCount;
            count.ShouldBe(packet.AttachmentCount);
            for (var i = 0; i < count; i++)
            {
                assembler.ReceiveBinary(new byte[i], out message).ShouldBe(i == count - 1);
            }

            message.GetAttachment(count - 1).Length.ShouldBe(count - 1);
        }

        message.Type.ShouldBe(packet.Type);
        ExerciseAccessors(message.Packet);
    }

    // Every accessor of an accepted packet answers; none throws (issue #8: lone surrogates made three of them throw).
    private static void ExerciseAccessors(SocketIOPacket packet)
    {
        _ = packet.Namespace;
        _ = packet.Payload;
        _ = packet.RawBytes;
        _ = packet.EventName;
        _ = packet.EventNameEquals("a"u8);
        var name = packet.GetEventNameString();
        if (name is not null && packet.EventNameKind == SocketIOEventNameKind.String)
        {
            packet.EventNameEquals(Encoding.UTF8.GetBytes(name)).ShouldBeTrue();
        }

        var count = 0;
        foreach (var argument in packet.Arguments)
        {
            packet.Arguments[count].SequenceEqual(argument).ShouldBeTrue();
            _ = SocketIOPlaceholder.TryParse(argument, out _);
            count++;
        }

        count.ShouldBe(packet.ArgumentCount);
    }

    // What the decoder accepts, the encoder can write again, and it decodes to the same parts.
    private static void ReEncode(SocketIOPacket packet)
    {
        var encoder = new SocketIOPacketEncoder();
        var output = new ArrayBufferWriter<byte>();
        var nsp = packet.Namespace;
        var args = packet.ArgumentsJson;
        var id = packet.AckId;
        switch (packet.Type)
        {
            case SocketIOPacketType.Connect:
                encoder.WriteConnect(output, nsp, packet.Payload, engineIOPrefix: false);
                break;
            case SocketIOPacketType.Disconnect:
                encoder.WriteDisconnect(output, nsp, engineIOPrefix: false);
                break;
            case SocketIOPacketType.ConnectError:
                encoder.WriteConnectError(output, nsp, packet.Payload, engineIOPrefix: false);
                break;
            case SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent when packet.EventNameKind == SocketIOEventNameKind.String:
                var name = Encoding.UTF8.GetBytes(packet.GetEventNameString()!);
                if (packet.Type == SocketIOPacketType.Event)
                {
                    encoder.WriteEvent(output, nsp, name, id, args, engineIOPrefix: false);
                }
                else
                {
                    encoder.WriteBinaryEvent(output, nsp, name, id, packet.AttachmentCount, args, engineIOPrefix: false);
                }

                break;
            case SocketIOPacketType.Ack when id is long ackId:
                encoder.WriteAck(output, nsp, ackId, args, engineIOPrefix: false);
                break;
            case SocketIOPacketType.BinaryAck when id is long ackId:
                encoder.WriteBinaryAck(output, nsp, ackId, packet.AttachmentCount, args, engineIOPrefix: false);
                break;
            default:
                return; // numeric event names and ACKs without an id are decodable quirks the encoder never writes
        }

        var again = SocketIOPacketDecoder.Decode(output.WrittenSpan);
        again.Type.ShouldBe(packet.Type);
        again.Namespace.SequenceEqual(nsp).ShouldBeTrue();
        again.AckId.ShouldBe(id);
        again.AttachmentCount.ShouldBe(packet.AttachmentCount);
        again.ArgumentCount.ShouldBe(packet.ArgumentCount);
        again.GetEventNameString().ShouldBe(packet.GetEventNameString());
        if (packet.Type is SocketIOPacketType.Connect or SocketIOPacketType.ConnectError)
        {
            again.Payload.SequenceEqual(packet.Payload).ShouldBeTrue();
        }
    }
}
