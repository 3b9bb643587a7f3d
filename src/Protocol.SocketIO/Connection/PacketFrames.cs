using System.Buffers;
using System.Text;

namespace Protocol.SocketIO;

/// <summary>
/// The connection's outbound frames, written by the codec's <see cref="SocketIOPacketEncoder"/> (which refuses
/// anything the reference server would reject). The encoder is single-threaded, so emits from many threads take turns
/// here; each call writes the finished frame straight into <c>output</c> (the send queue's pooled frame), so nothing is
/// copied into a fresh array.
/// </summary>
internal sealed class PacketFrames(SocketIOCodecOptions options)
{
    private const int StackLimit = 256;
    private readonly Lock _gate = new();
    private readonly SocketIOPacketEncoder _encoder = new(options);

    public void Connect(IBufferWriter<byte> output, string @namespace, ReadOnlySpan<byte> authJson)
    {
        Span<byte> nsp = stackalloc byte[StackLimit];
        var nspBytes = NamespaceUtf8(@namespace, nsp);
        lock (_gate)
        {
            _encoder.WriteConnect(output, nspBytes, authJson);
        }
    }

    public void Disconnect(IBufferWriter<byte> output, string @namespace)
    {
        Span<byte> nsp = stackalloc byte[StackLimit];
        var nspBytes = NamespaceUtf8(@namespace, nsp);
        lock (_gate)
        {
            _encoder.WriteDisconnect(output, nspBytes);
        }
    }

    public void Event(IBufferWriter<byte> output, string @namespace, long ackId, string eventName, ReadOnlySpan<byte> argumentsJson, int attachmentCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        Span<byte> nsp = stackalloc byte[StackLimit];
        var nspBytes = NamespaceUtf8(@namespace, nsp);
        Span<byte> name = stackalloc byte[StackLimit];
        var nameBytes = Utf8(eventName, name, SocketIOProtocolError.InvalidPayload, nameof(eventName), "event name");
        long? id = ackId >= 0 ? ackId : null;
        lock (_gate)
        {
            if (attachmentCount == 0)
            {
                _encoder.WriteEvent(output, nspBytes, nameBytes, id, argumentsJson);
            }
            else
            {
                _encoder.WriteBinaryEvent(output, nspBytes, nameBytes, id, attachmentCount, argumentsJson);
            }
        }
    }

    public void Ack(IBufferWriter<byte> output, string @namespace, long ackId, ReadOnlySpan<byte> argumentsJson, int attachmentCount)
    {
        Span<byte> nsp = stackalloc byte[StackLimit];
        var nspBytes = NamespaceUtf8(@namespace, nsp);
        lock (_gate)
        {
            if (attachmentCount == 0)
            {
                _encoder.WriteAck(output, nspBytes, ackId, argumentsJson);
            }
            else
            {
                _encoder.WriteBinaryAck(output, nspBytes, ackId, attachmentCount, argumentsJson);
            }
        }
    }

    private static ReadOnlySpan<byte> NamespaceUtf8(string @namespace, Span<byte> scratch) =>
        Utf8(@namespace, scratch, SocketIOProtocolError.InvalidNamespace, nameof(@namespace), "namespace");

    // Strict: a lone surrogate would otherwise become U+FFFD and the server would see another name than the caller's.
    private static ReadOnlySpan<byte> Utf8(string text, Span<byte> scratch, SocketIOProtocolError error, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        Span<byte> target = Encoding.UTF8.GetMaxByteCount(text.Length) <= scratch.Length ? scratch : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        if (System.Text.Unicode.Utf8.FromUtf16(text, target, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new SocketIOEncodingException(error,
                $"The {what} is not valid Unicode: it contains a lone UTF-16 surrogate (half of a pair). Sending it would replace that with U+FFFD, so the server would see another {what}; fix the {what}.", paramName);
        }

        return target[..written];
    }
}
