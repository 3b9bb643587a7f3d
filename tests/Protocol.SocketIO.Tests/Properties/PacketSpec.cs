using System.Buffers;
using System.Text;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>A Socket.IO packet described by its parts, as a generator makes it and the encoder takes it.</summary>
internal sealed record PacketSpec(
    SocketIOPacketType Type,
    string Namespace,
    long? AckId,
    string Name,
    string[] Arguments,
    string Data,
    byte[][] Attachments,
    bool EngineIOPrefix)
{
    /// <summary>Writes the packet with the encoder under test (the text frame only; attachments go separately).</summary>
    public byte[] Encode(SocketIOPacketEncoder encoder)
    {
        var output = new ArrayBufferWriter<byte>();
        var nsp = Encoding.UTF8.GetBytes(Namespace);
        var name = Encoding.UTF8.GetBytes(Name);
        var args = Encoding.UTF8.GetBytes(string.Join(",", Arguments));
        var data = Encoding.UTF8.GetBytes(Data);
        switch (Type)
        {
            case SocketIOPacketType.Connect:
                encoder.WriteConnect(output, nsp, data, EngineIOPrefix);
                break;
            case SocketIOPacketType.Disconnect:
                encoder.WriteDisconnect(output, nsp, EngineIOPrefix);
                break;
            case SocketIOPacketType.Event:
                encoder.WriteEvent(output, nsp, name, AckId, args, EngineIOPrefix);
                break;
            case SocketIOPacketType.Ack:
                encoder.WriteAck(output, nsp, AckId!.Value, args, EngineIOPrefix);
                break;
            case SocketIOPacketType.ConnectError:
                encoder.WriteConnectError(output, nsp, data, EngineIOPrefix);
                break;
            case SocketIOPacketType.BinaryEvent:
                encoder.WriteBinaryEvent(output, nsp, name, AckId, Attachments.Length, args, EngineIOPrefix);
                break;
            default:
                encoder.WriteBinaryAck(output, nsp, AckId!.Value, Attachments.Length, args, EngineIOPrefix);
                break;
        }

        return output.WrittenSpan.ToArray();
    }

    public override string ToString() =>
        $"{Type} nsp={JsonGen.Quote(Namespace)} ack={AckId?.ToString() ?? "none"} name={JsonGen.Quote(Name)} args=[{string.Join(",", Arguments)}] data={Data} " +
        $"attachments=[{string.Join(",", Attachments.Select(Convert.ToHexString))}] prefix={EngineIOPrefix}";
}
