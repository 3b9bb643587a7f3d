using System.Buffers;
using Protocol.SocketIO.EngineIO;
using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

/// <summary>socketio.md §2.4 vectors that apply to WebSocket framing (one packet per frame, binary frames without a type byte).</summary>
public class EngineIOPacketTests
{
    [Theory]
    [InlineData("4", EngineIOPacketType.Message, "")]
    [InlineData("4test", EngineIOPacketType.Message, "test")]
    [InlineData("4€", EngineIOPacketType.Message, "€")]
    [InlineData("2probe", EngineIOPacketType.Ping, "probe")]
    [InlineData("3probe", EngineIOPacketType.Pong, "probe")]
    [InlineData("2", EngineIOPacketType.Ping, "")]
    [InlineData("0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":700,\"pingTimeout\":500,\"maxPayload\":1000000}", EngineIOPacketType.Open, "{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":700,\"pingTimeout\":500,\"maxPayload\":1000000}")]
    [InlineData("1", EngineIOPacketType.Close, "")]
    [InlineData("5", EngineIOPacketType.Upgrade, "")]
    [InlineData("6", EngineIOPacketType.Noop, "")]
    [InlineData("42[\"hello\"]", EngineIOPacketType.Message, "2[\"hello\"]")]
    public void Decodes_text_frames(string frame, EngineIOPacketType type, string data)
    {
        EngineIOPacket packet = EngineIOPacketDecoder.Decode(Utf8(frame), isBinary: false);
        packet.Type.ShouldBe(type);
        packet.IsBinary.ShouldBeFalse();
        Text(packet.Data).ShouldBe(data);
    }

    [Theory]
    [InlineData("", SocketIOProtocolError.EmptyPacket)]
    [InlineData("a123", SocketIOProtocolError.UnknownPacketType)]
    [InlineData("7", SocketIOProtocolError.UnknownPacketType)]
    [InlineData("abc", SocketIOProtocolError.UnknownPacketType)]
    public void Rejects_parser_errors(string frame, SocketIOProtocolError expected)
    {
        var ex = Should.Throw<SocketIOProtocolException>(() => EngineIOPacketDecoder.Decode(Utf8(frame), isBinary: false));
        ex.Error.ShouldBe(expected);
        ex.Message.ShouldContain("close the connection");
        EngineIOPacketDecoder.TryDecode(Utf8(frame), isBinary: false, out _, out SocketIOProtocolError error).ShouldBeFalse();
        error.ShouldBe(expected);
    }

    [Fact]
    public void TryDecode_succeeds_on_valid_frames()
    {
        EngineIOPacketDecoder.TryDecode("3probe"u8, isBinary: false, out EngineIOPacket packet, out SocketIOProtocolError error).ShouldBeTrue();
        error.ShouldBe(SocketIOProtocolError.None);
        packet.Type.ShouldBe(EngineIOPacketType.Pong);
        Text(packet.Data).ShouldBe("probe");
    }

    [Theory]
    [InlineData("01020304")]
    [InlineData("")]
    [InlineData("34")] // a binary frame starting with '4' is still raw data, not a type byte (EIO v3 difference)
    public void Binary_frames_are_messages_with_raw_bytes(string hex)
    {
        byte[] frame = Hex(hex);
        EngineIOPacket packet = EngineIOPacketDecoder.Decode(frame, isBinary: true);
        packet.Type.ShouldBe(EngineIOPacketType.Message);
        packet.IsBinary.ShouldBeTrue();
        packet.Data.ToArray().ShouldBe(frame);
    }

    [Fact]
    public void Frames_over_max_payload_are_refused_text_and_binary()
    {
        EngineIOPacketDecoder.Decode(new byte[1_000_000], isBinary: true).Data.Length.ShouldBe(1_000_000);
        Should.Throw<SocketIOProtocolException>(() => EngineIOPacketDecoder.Decode(new byte[1_000_001], isBinary: true)).Error.ShouldBe(SocketIOProtocolError.PayloadTooLarge);
        Should.Throw<SocketIOProtocolException>(() => EngineIOPacketDecoder.Decode(Utf8("4hello"), isBinary: false, maxPayloadBytes: 5)).Error.ShouldBe(SocketIOProtocolError.PayloadTooLarge);
    }

    [Fact]
    public void Encodes_message_and_control_packets()
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIOPackets.WriteMessage(output, "test"u8);
        Text(output.WrittenSpan).ShouldBe("4test");

        output.ResetWrittenCount();
        EngineIOPackets.Write(output, EngineIOPacketType.Pong, "probe"u8);
        Text(output.WrittenSpan).ShouldBe("3probe");

        Text(EngineIOPackets.Pong).ShouldBe("3");
        Text(EngineIOPackets.Ping).ShouldBe("2");
        Text(EngineIOPackets.PingProbe).ShouldBe("2probe");
        Text(EngineIOPackets.PongProbe).ShouldBe("3probe");
        Text(EngineIOPackets.Upgrade).ShouldBe("5");
        Text(EngineIOPackets.Close).ShouldBe("1");
        Text(EngineIOPackets.Noop).ShouldBe("6");
        Should.Throw<ArgumentOutOfRangeException>(() => EngineIOPackets.Write(output, (EngineIOPacketType)7, default));
    }
}
