using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Protocol.SocketIO;

namespace Protocol.Benchmarks.SocketIO;

/// <summary>
/// Decoding one Socket.IO text event. Baseline: the string path of existing clients (UTF-8 to string, split the header
/// with IndexOf/Substring, JsonDocument for the array, event name as string). Ours: the byte-level decoder, which also
/// validates the whole payload per socket.io-parser rules.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private static readonly byte[] Small = "2[\"tick\",12345,\"xxxxxxxxxxxxxxxx\"]"u8.ToArray();
    private static readonly byte[] Quote = "2/admin,17[\"quote\",{\"s\":\"EURUSD\",\"p\":1.0825,\"t\":1700000000,\"bid\":1.0824,\"ask\":1.0826,\"v\":[1,2,3,4,5]},\"x\"]"u8.ToArray();
    private static readonly byte[] BinaryHeader = "51-[\"bin\",{\"_placeholder\":true,\"num\":0},\"tail\"]"u8.ToArray();
    private static readonly byte[] Attachment = [1, 2, 3, 4];
    private readonly SocketIOMessageAssembler _assembler = new();

    [Params(false, true)]
    public bool Large { get; set; }

    private byte[] Packet => Large ? Quote : Small;

    [Benchmark(Baseline = true)]
    public int StringAndJsonDocument()
    {
        string text = Encoding.UTF8.GetString(Packet);
        int bracket = text.IndexOf('[', StringComparison.Ordinal);
        int comma = text.LastIndexOf(',', bracket);
        string nsp = comma > 0 ? text[1..comma] : "/";
        using JsonDocument doc = JsonDocument.Parse(text[bracket..]);
        string? name = doc.RootElement[0].GetString();
        return nsp.Length + (name == "tick" || name == "quote" ? 1 : 0) + doc.RootElement.GetArrayLength();
    }

    [Benchmark]
    public int ByteDecoder()
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Packet);
        return packet.Namespace.Length + (packet.EventNameEquals("tick"u8) || packet.EventNameEquals("quote"u8) ? 1 : 0) + packet.ArgumentCount;
    }

    [Benchmark]
    public int ByteDecoderBinaryReassembly()
    {
        _assembler.ReceiveText(BinaryHeader, out _);
        _assembler.ReceiveBinary(Attachment, out SocketIOMessage message);
        return message.GetAttachment(0).Length + message.Arguments.Count;
    }
}
