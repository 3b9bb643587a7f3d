using System.Buffers;
using System.ComponentModel;
using System.Text.Json;
using Protocol.Infrastructure;

namespace Protocol.SocketIO;

/// <summary>
/// Writes a whole Socket.IO EVENT frame, <c>42["name",argument]</c>, as generated Socket.IO messages do in their
/// <c>WriteEnvelope</c>. It lives here, not in Protocol.Core, because the <c>42[</c> envelope is Socket.IO's: the core
/// runtime only hands the written frame to the transport. JSON-action messages keep the core writer (<c>WireJson.WriteFrame</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SocketIOEventWriter
{
    /// <summary>Writes <c>42["name"</c>, the argument (if any) and <c>]</c>: a whole Socket.IO event frame.</summary>
    /// <typeparam name="TState">The argument writer's state.</typeparam>
    /// <param name="output">The destination.</param>
    /// <param name="name">The event name.</param>
    /// <param name="state">Passed to <paramref name="writeArgument"/>.</param>
    /// <param name="writeArgument">Writes the argument, or <see langword="null"/> for none.</param>
    public static void WriteEvent<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> name, TState state, Action<Utf8JsonWriter, TState>? writeArgument)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (WireBinary.IsCollecting)
        {
            WriteBinaryEvent(output, name, state, writeArgument);
            return;
        }

        var prefix = output.GetSpan(2);
        prefix[0] = (byte)'4';
        prefix[1] = (byte)'2';
        output.Advance(2);

        // The core's per-thread writer: a new Utf8JsonWriter per message was an allocation on every typed send.
        var writer = WireJson.RentWriter(output);
        try
        {
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writeArgument?.Invoke(writer, state);
            writer.WriteEndArray();
            writer.Flush();
        }
        finally
        {
            WireJson.ReturnWriter(writer);
        }
    }

    // A message with binary members, sent through the runtime (WireBinary collecting): the attachment count is known only
    // once the argument is written, so the array goes to a scratch buffer first and the header is 45N- (42 with none).
    private static void WriteBinaryEvent<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> name, TState state, Action<Utf8JsonWriter, TState>? writeArgument)
    {
        var before = WireBinary.CollectedCount;
        var scratch = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(scratch, WireJson.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writeArgument?.Invoke(writer, state);
            writer.WriteEndArray();
        }

        var count = WireBinary.CollectedCount - before;
        Span<byte> header = stackalloc byte[16];
        header[0] = (byte)'4';
        int length;
        if (count == 0)
        {
            header[1] = (byte)'2';
            length = 2;
        }
        else
        {
            header[1] = (byte)'5';
            count.TryFormat(header[2..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
            header[2 + digits] = (byte)'-';
            length = 3 + digits;
        }

        output.Write(header[..length]);
        output.Write(scratch.WrittenSpan);
    }
}
