using System.Text;
using System.Text.Json;
using Protocol.SocketIO;

namespace Protocol.Fuzzing;

/// <summary>
/// Calls every accessor a consumer calls on an accepted Socket.IO packet, the way the connection and the runtime call
/// them, and checks that the packet's views agree with each other. None of these accessors documents an exception for a
/// packet the decoder accepted (only the indexer's out-of-range), so any other exception is a crash.
/// </summary>
internal static class PacketProbe
{
    private static readonly byte[][] ReservedNames =
        [.. new[] { "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener" }.Select(Encoding.UTF8.GetBytes)];

    // Past this many arguments the O(n^2) indexer check is skipped: AFL inputs stay small, and it keeps exec/s up.
    private const int IndexerCheckLimit = 16;

    public static void Probe(SocketIOPacket packet, ReadOnlySpan<byte> raw, ReadOnlySpan<ReadOnlyMemory<byte>> attachments)
    {
        SocketIOPacketType type = packet.Type;
        Invariant.That((uint)type <= (uint)SocketIOPacketType.BinaryAck, "packet type out of range");
        bool binary = type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck;
        bool isEvent = type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent;

        ReadOnlySpan<byte> ns = packet.Namespace;
        Invariant.That(!ns.IsEmpty && ns[0] == (byte)'/', "namespace does not start with '/'");
        Invariant.That(packet.IsDefaultNamespace == ns.SequenceEqual("/"u8), "IsDefaultNamespace disagrees with Namespace");
        Invariant.That(packet.HasAckId == packet.AckId.HasValue && packet.AckId.GetValueOrDefault() >= 0, "HasAckId/AckId disagree");
        Invariant.That(binary == (packet.AttachmentCount > 0), "AttachmentCount disagrees with the packet type");
        Invariant.That(packet.HasPayload == !packet.Payload.IsEmpty, "HasPayload disagrees with Payload");
        Invariant.That(packet.RawBytes.Length >= packet.Payload.Length, "Payload longer than the packet");

        SocketIOEventNameKind kind = packet.EventNameKind;
        Invariant.That(isEvent == (kind != SocketIOEventNameKind.None), "EventNameKind disagrees with the packet type");

        // The accessors the docs point consumers at: the name as a string (logs), and comparisons.
        string? name = packet.GetEventNameString();
        Invariant.That((name is null) == (kind == SocketIOEventNameKind.None), "GetEventNameString null for an event, or set for a non-event");
        _ = packet.EventNameEquals("a"u8);
        _ = packet.EventNameEquals(default);
        if (name is not null)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(name);
            Invariant.That(packet.EventNameEquals(utf8), "EventNameEquals(GetEventNameString()) is false");
            Invariant.That(!packet.EventNameEquals([.. utf8, (byte)'x']), "EventNameEquals accepts a longer name");
            if (!packet.EventNameHasEscapes)
            {
                Invariant.That(packet.EventName.SequenceEqual(utf8), "EventName differs from the unescaped name without escapes");
            }

            if (kind == SocketIOEventNameKind.String)
            {
                foreach (byte[] reserved in ReservedNames)
                {
                    Invariant.That(!utf8.AsSpan().SequenceEqual(reserved), "a reserved event name was accepted");
                }
            }
        }

        ProbeArguments(packet);
        ProbeView(packet, raw, attachments);
    }

    private static void ProbeArguments(SocketIOPacket packet)
    {
        _ = packet.ArgumentsJson;
        SocketIOArguments args = packet.Arguments;
        Invariant.That(args.Count == packet.ArgumentCount, "Arguments.Count differs from ArgumentCount");
        int n = 0;
        foreach (ReadOnlySpan<byte> arg in args)
        {
            if (n < IndexerCheckLimit)
            {
                Invariant.That(args[n].SequenceEqual(arg), "Arguments[i] differs from the enumerated argument");
            }

            n++;
            ProbeValue(arg, packet.AttachmentCount);
        }

        Invariant.That(n == args.Count, $"enumerated {n} arguments, Count says {args.Count}");
        IndexMustThrow(args, args.Count);
        IndexMustThrow(args, -1);
    }

    // The indexer's one documented exception, for an index outside 0..Count-1.
    private static void IndexMustThrow(SocketIOArguments args, int index)
    {
        try
        {
            _ = args[index];
        }
        catch (ArgumentOutOfRangeException)
        {
            return;
        }

        throw new InvariantViolationException($"Arguments[{index}] with Count {args.Count} did not throw ArgumentOutOfRangeException");
    }

    private static void ProbeValue(ReadOnlySpan<byte> value, int attachmentCount)
    {
        Invariant.That(!value.IsEmpty, "an argument is empty");

        // The decoder validated the JSON: one reader reads exactly one value and nothing after it.
        var reader = new Utf8JsonReader(value);
        Invariant.That(reader.Read(), "an argument has no JSON token");
        reader.Skip();
        Invariant.That(!reader.Read(), "an argument has data after its value");

        if (SocketIOPlaceholder.TryParse(value, out int num))
        {
            Invariant.That(num >= 0, "placeholder num is negative");
            Invariant.That(attachmentCount == 0 || num < attachmentCount, "placeholder num outside the announced attachments");
        }

        var positioned = new Utf8JsonReader(value);
        positioned.Read();
        _ = SocketIOPlaceholder.TryRead(ref positioned, out _);
    }

    /// <summary>Builds the <see cref="MessageView"/> the connection builds and reads every argument as the runtime does.</summary>
    private static void ProbeView(SocketIOPacket packet, ReadOnlySpan<byte> raw, ReadOnlySpan<ReadOnlyMemory<byte>> attachments)
    {
        if (!SocketIOViewMapper.IsMessage(packet.Type))
        {
            // Control packets are the connection's own business; mapping one is refused with a typed error.
            Invariant.That(ThrowsOnMap(packet, raw), "SocketIOViewMapper.Map accepted a control packet");
            return;
        }

        var view = Mapper.Map(packet, raw, attachments);
        for (int i = -1; i <= packet.ArgumentCount + 1; i++)
        {
            bool has = view.TryGetArgument(i, out ReadOnlySpan<byte> json);
            if (view.Kind is MessageKind.Event or MessageKind.Reply)
            {
                Invariant.That(has == (i >= 0 && i < packet.ArgumentCount), $"MessageView.TryGetArgument({i}) disagrees with ArgumentCount {packet.ArgumentCount}");
                if (has && i < IndexerCheckLimit)
                {
                    // The layout the mapper handed in: the packet's argument, or the attachment its placeholder names.
                    var argument = packet.Arguments[i];
                    var expected = !attachments.IsEmpty && SocketIOPlaceholder.TryParse(argument, out int num) && num < attachments.Length
                        ? attachments[num].Span
                        : argument;
                    Invariant.That(json.SequenceEqual(expected), "MessageView argument differs from the packet's (or its attachment's)");
                }
            }

            if (view.TryGetArgumentReader(i, out Utf8JsonReader reader) && attachments.IsEmpty)
            {
                reader.Skip(); // JSON the decoder validated reads to its end
            }
        }
    }

    // One mapper, as one receive loop has (a fuzz target runs on one thread).
    private static readonly SocketIOViewMapper Mapper = new();

    private static bool ThrowsOnMap(SocketIOPacket packet, ReadOnlySpan<byte> raw)
    {
        try
        {
            Mapper.Map(packet, raw, default);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
