using System.Reflection;
using System.Text;
using System.Text.Json;
using Protocol.SocketIO;
using Protocol.Infrastructure;
using Protocol.JsonActions;

namespace Protocol.Fuzzing.Targets;

/// <summary>
/// Every generated reader of the linked fixtures (tests/Protocol.Generators.Tests/Fixtures), on the input as
/// <list type="bullet">
/// <item>the data of a Socket.IO event for each wire name, one-step (<c>2["name",input]</c>) and two-step
/// (<c>51-["name",{placeholder}]</c> + the input as the attachment, how PocketOption sends JSON);</item>
/// <item>a Socket.IO packet itself (<c>2[...]</c>, with or without the Engine.IO <c>4</c>);</item>
/// <item>a JSON-action frame (<c>{"action":..}</c>) through <see cref="JsonActionEnvelope"/>;</item>
/// <item>a JSON value for <c>TryRead(ref Utf8JsonReader)</c> of every message and wire type, when it is valid JSON.</item>
/// </list>
/// Documented rejection: <c>TryRead</c> returns false. The view forms never throw; the reader form may throw only the
/// reader's own <see cref="JsonException"/>, and only for input that is not valid JSON (so it is not called then).
/// </summary>
internal sealed class ReadersTarget : IFuzzTarget, IMessageSink
{
    private delegate void ViewProbe(MessageView view);

    private delegate void JsonProbe(ReadOnlySpan<byte> json);

    private static readonly (byte[] Name, ViewProbe Probe)[] ViewProbes = [.. Discover(typeof(IIncomingMessage<>), nameof(ProbeMessage))
        .Select(t => (WireName(t), t.Probe.CreateDelegate<ViewProbe>()))];

    private static readonly JsonProbe[] JsonProbes = [.. Discover(typeof(IWireReadable<>), nameof(ProbeJson)).Select(t => t.Probe.CreateDelegate<JsonProbe>())];

    private readonly SocketIOMessageAssembler _assembler = new();

    public string Name => "readers";

    /// <summary>How many generated message and wire types were found (printed by replay, so an empty list is visible).</summary>
    public static (int Messages, int WireTypes) Counts => (ViewProbes.Length, JsonProbes.Length);

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach ((byte[] name, _) in ViewProbes)
        {
            OneStep(name, input);
            TwoStep(name, input);
        }

        AsPacket(input);
        if (!input.IsEmpty && input[0] == (byte)'4')
        {
            AsPacket(input[1..]);
        }

        JsonActionEnvelope.Deliver(input, isText: true, "action"u8, this);
        if (IsJsonValue(input))
        {
            foreach (JsonProbe probe in JsonProbes)
            {
                probe(input);
            }
        }
    }

    void IMessageSink.OnMessage(in MessageView message) => ProbeAll(message);

    void IMessageSink.OnDisconnected(DisconnectInfo info)
    {
    }

    private static void ProbeAll(MessageView view)
    {
        foreach ((_, ViewProbe probe) in ViewProbes)
        {
            probe(view);
        }
    }

    private static void OneStep(byte[] name, ReadOnlySpan<byte> data)
    {
        byte[] frame = [.. "2[\""u8, .. name, .. "\","u8, .. data, (byte)']'];
        if (SocketIOPacketDecoder.TryDecode(frame, out SocketIOPacket packet, out _))
        {
            ProbeAll(View(packet, frame, default));
        }
    }

    private void TwoStep(byte[] name, ReadOnlySpan<byte> attachment)
    {
        byte[] header = [.. "51-[\""u8, .. name, .. "\","u8, .. SocketIOPlaceholder.Zero, (byte)']'];
        _assembler.Reset();
        Invariant.That(!_assembler.ReceiveText(header, out _), "a binary header completed at once");
        if (attachment.Length <= _assembler.Options.MaxPayloadBytes && _assembler.ReceiveBinary(attachment, out SocketIOMessage message))
        {
            ReadOnlyMemory<byte>[] attachments = [message.GetAttachmentMemory(0)];
            ProbeAll(View(message.Packet, header, attachments));
        }
    }

    private static void AsPacket(ReadOnlySpan<byte> data)
    {
        // Escaped event names are the decoder target's business (unescaping them is the connection's code, not a reader's).
        if (SocketIOPacketDecoder.TryDecode(data, out SocketIOPacket packet, out _) && packet.AttachmentCount == 0 && !packet.EventNameHasEscapes
            && SocketIOViewMapper.IsMessage(packet.Type))
        {
            ProbeAll(View(packet, data, default));
        }
    }

    // The connection's own packet -> view mapping, so readers see exactly what the runtime hands them.
    private static MessageView View(SocketIOPacket packet, ReadOnlySpan<byte> raw, ReadOnlySpan<ReadOnlyMemory<byte>> attachments)
        => Mapper.Map(packet, raw, attachments);

    // One mapper, as one receive loop has (a fuzz target runs on one thread).
    private static readonly SocketIOViewMapper Mapper = new();

    private static bool IsJsonValue(ReadOnlySpan<byte> input)
    {
        try
        {
            var reader = new Utf8JsonReader(input);
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ProbeMessage<T>(MessageView view)
        where T : IIncomingMessage<T>
    {
        _ = T.Matches(view);
        _ = T.TryRead(view, out _);
    }

    private static void ProbeJson<T>(ReadOnlySpan<byte> json)
        where T : IWireReadable<T>
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        _ = T.TryRead(ref reader, out _);
    }

    private static byte[] WireName((Type Type, MethodInfo Probe) found) =>
        Encoding.UTF8.GetBytes((string)found.Type.GetField("WireName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!);

    // Every fixture type implementing the generic contract for itself, paired with the probe closed over it.
    private static IEnumerable<(Type Type, MethodInfo Probe)> Discover(Type contract, string probe)
    {
        MethodInfo open = typeof(ReadersTarget).GetMethod(probe, BindingFlags.NonPublic | BindingFlags.Static)!;
        return typeof(ReadersTarget).Assembly.GetTypes()
            .Where(t => t.Namespace == "Protocol.Generators.Tests.Fixtures"
                && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == contract && i.GetGenericArguments()[0] == t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (t, open.MakeGenericMethod(t)));
    }
}
