using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Protocol.SocketIO;

/// <summary>
/// Builds the whole Engine.IO text frames the connection sends (<c>40/nsp,{auth}</c>, <c>41/nsp,</c>,
/// <c>42/nsp,id["name",args]</c>, <c>45N-…</c>, <c>43…</c>, <c>46N-…</c>).
/// </summary>
internal static class PacketFrames
{
    private static readonly JsonWriterOptions NameWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Connect(string @namespace, ReadOnlySpan<byte> authJson)
    {
        var output = new ArrayBufferWriter<byte>(16 + @namespace.Length + authJson.Length);
        Write(output, "40"u8);
        WriteNamespace(output, @namespace);
        Write(output, authJson);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Disconnect(string @namespace)
    {
        var output = new ArrayBufferWriter<byte>(8 + @namespace.Length);
        Write(output, "41"u8);
        WriteNamespace(output, @namespace);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Event(string @namespace, long ackId, string eventName, ReadOnlySpan<byte> argumentsJson, int attachmentCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var output = new ArrayBufferWriter<byte>(32 + @namespace.Length + eventName.Length + argumentsJson.Length);
        WriteHeader(output, attachmentCount == 0 ? (byte)'2' : (byte)'5', attachmentCount, @namespace, ackId);
        Write(output, "["u8);
        using (var writer = new Utf8JsonWriter(output, NameWriterOptions))
        {
            writer.WriteStringValue(eventName);
        }

        if (!argumentsJson.IsEmpty)
        {
            Write(output, ","u8);
            Write(output, argumentsJson);
        }

        Write(output, "]"u8);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Ack(string @namespace, long ackId, ReadOnlySpan<byte> argumentsJson, int attachmentCount)
    {
        var output = new ArrayBufferWriter<byte>(32 + @namespace.Length + argumentsJson.Length);
        WriteHeader(output, attachmentCount == 0 ? (byte)'3' : (byte)'6', attachmentCount, @namespace, ackId);
        Write(output, "["u8);
        Write(output, argumentsJson);
        Write(output, "]"u8);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteHeader(ArrayBufferWriter<byte> output, byte type, int attachmentCount, string @namespace, long ackId)
    {
        Write(output, [(byte)'4', type]);
        if (attachmentCount > 0)
        {
            WriteNumber(output, attachmentCount);
            Write(output, "-"u8);
        }

        WriteNamespace(output, @namespace);
        if (ackId >= 0)
        {
            WriteNumber(output, ackId);
        }
    }

    private static void WriteNamespace(ArrayBufferWriter<byte> output, string @namespace)
    {
        SocketIOConnection.ValidateNamespace(@namespace);
        if (@namespace == "/")
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(@namespace.Length) + 1);
        var written = Encoding.UTF8.GetBytes(@namespace, span);
        output.Advance(written);
        // Always "/nsp,": the reference encoder writes "41/admin," and "40/admin," too.
        Write(output, ","u8);
    }

    private static void WriteNumber(ArrayBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    private static void Write(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
