using CsCheck;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>Generators of valid Socket.IO packets (every type, namespaces, ack ids, names, arguments, placeholders).</summary>
internal static class PacketGen
{
    public static readonly Gen<string> Namespace = Gen.Frequency(
        (3, Gen.Const("/")),
        (2, Gen.Char.AlphaNumeric.Array[1, 8].Select(chars => "/" + new string(chars))),
        (1, JsonGen.UnicodeText.Select(text => "/" + text.Replace(",", ""))));

    public static readonly Gen<long?> AckId = Gen.Frequency(
        (1, Gen.Const((long?)null)),
        (2, Gen.Long[0, 1000].Select(id => (long?)id)),
        (1, Gen.Long[0, long.MaxValue].Select(id => (long?)id)));

    public static readonly Gen<string> EventName = JsonGen.UnicodeText.Where(name => !SocketIOPacketParser.IsReserved(System.Text.Encoding.UTF8.GetBytes(name)));

    public static readonly Gen<string[]> Arguments = JsonGen.Value.Array[0, 4];

    public static readonly Gen<byte[][]> Attachments = Gen.Byte.Array[0, 24].Array[1, 4];

    /// <summary>Arguments holding one placeholder per attachment, each at a random position, some nested.</summary>
    public static Gen<string[]> ArgumentsWithPlaceholders(int attachments) =>
        from data in JsonGen.Value.Array[0, 3]
        from wraps in Gen.Int[0, 2].Array[attachments]
        from keys in Gen.Int.Array[data.Length + attachments]
        let placeholders = wraps.Select((wrap, num) => Wrap(wrap, $"{{\"_placeholder\":true,\"num\":{num}}}"))
        select data.Concat(placeholders).Zip(keys).OrderBy(p => p.Second).Select(p => p.First).ToArray();

    public static readonly Gen<PacketSpec> Packet = Gen.OneOf(
        from nsp in Namespace
        from auth in Gen.Frequency((1, Gen.Const("")), (2, JsonGen.ObjectValue))
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.Connect, nsp, null, "", [], auth, [], prefix),
        from nsp in Namespace
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.Disconnect, nsp, null, "", [], "", [], prefix),
        from nsp in Namespace
        from id in AckId
        from name in EventName
        from args in Arguments
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.Event, nsp, id, name, args, "", [], prefix),
        from nsp in Namespace
        from id in Gen.Long[0, long.MaxValue]
        from args in Arguments
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.Ack, nsp, id, "", args, "", [], prefix),
        from nsp in Namespace
        from error in Gen.Frequency((1, JsonGen.String), (2, JsonGen.ObjectValue))
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.ConnectError, nsp, null, "", [], error, [], prefix),
        from nsp in Namespace
        from id in AckId
        from name in EventName
        from attachments in Attachments
        from args in ArgumentsWithPlaceholders(attachments.Length)
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.BinaryEvent, nsp, id, name, args, "", attachments, prefix),
        from nsp in Namespace
        from id in Gen.Long[0, long.MaxValue]
        from attachments in Attachments
        from args in ArgumentsWithPlaceholders(attachments.Length)
        from prefix in Gen.Bool
        select new PacketSpec(SocketIOPacketType.BinaryAck, nsp, id, "", args, "", attachments, prefix));

    private static string Wrap(int how, string placeholder) => how switch
    {
        0 => placeholder,
        1 => $"{{\"data\":{placeholder}}}",
        _ => $"[1,{placeholder}]",
    };
}
