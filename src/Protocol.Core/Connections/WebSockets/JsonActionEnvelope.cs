using System.Buffers;
using System.Text.Json;
using Protocol.Messaging;

namespace Protocol.Connections.WebSockets;

/// <summary>
/// Decodes the JSON-action envelope: one JSON object per text frame whose name property (<c>"action"</c> by default)
/// becomes <see cref="MessageView.Name"/>, with <see cref="MessageKind.Action"/> and the whole object as payload.
/// Anything else (non-object text, binary frames) is delivered as <see cref="MessageKind.Raw"/>.
/// </summary>
public static class JsonActionEnvelope
{
    /// <summary>The default name property.</summary>
    public const string DefaultNameProperty = "action";

    /// <summary>Decodes one frame and delivers it to <paramref name="sink"/>. Allocates nothing unless the name is escaped and long.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="isText">Whether it was a text frame.</param>
    /// <param name="nameProperty">The UTF-8 name of the property that carries the action.</param>
    /// <param name="sink">Where the view goes.</param>
    public static void Deliver(ReadOnlySpan<byte> frame, bool isText, ReadOnlySpan<byte> nameProperty, IMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!isText || !TryFindName(frame, nameProperty, out var nameStart, out var nameLength, out var escaped))
        {
            sink.OnMessage(new MessageView(MessageKind.Raw, frame, default, default, MessageView.NoAckId, frame));
            return;
        }

        if (!escaped)
        {
            sink.OnMessage(new MessageView(MessageKind.Action, frame, frame.Slice(nameStart, nameLength), default, MessageView.NoAckId, frame));
            return;
        }

        // An escaped name ("\u0061ction") is unescaped into a scratch buffer; rare, so the rent is acceptable.
        var rented = ArrayPool<byte>.Shared.Rent(nameLength);
        try
        {
            if (!TryUnescape(frame.Slice(nameStart, nameLength), rented, out var written))
            {
                // Escapes that are not Unicode (a lone surrogate such as "\ud800"): the name cannot be represented,
                // so the frame goes to raw handlers like any other frame that is not an action.
                sink.OnMessage(new MessageView(MessageKind.Raw, frame, default, default, MessageView.NoAckId, frame));
                return;
            }

            sink.OnMessage(new MessageView(MessageKind.Action, frame, rented.AsSpan(0, written), default, MessageView.NoAckId, frame));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryUnescape(ReadOnlySpan<byte> stringToken, byte[] destination, out int written)
    {
        try
        {
            var reader = new Utf8JsonReader(stringToken);
            reader.Read();
            written = reader.CopyString(destination);
            return true;
        }
        catch (InvalidOperationException)
        {
            written = 0;
            return false;
        }
    }

    // Scans the top-level object for the name property. On success, nameStart/nameLength locate the unescaped value
    // bytes inside frame, or (escaped) the whole string token including quotes.
    private static bool TryFindName(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> nameProperty, out int nameStart, out int nameLength, out bool escaped)
    {
        nameStart = nameLength = 0;
        escaped = false;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals(nameProperty);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    escaped = reader.ValueIsEscaped;
                    if (escaped)
                    {
                        nameStart = (int)reader.TokenStartIndex;
                        nameLength = reader.ValueSpan.Length + 2;
                    }
                    else
                    {
                        nameStart = (int)reader.TokenStartIndex + 1;
                        nameLength = reader.ValueSpan.Length;
                    }

                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: delivered raw.
        }
        catch (InvalidOperationException)
        {
            // A property name escaped as invalid Unicode ("\udc00") cannot be compared: delivered raw.
        }

        return false;
    }
}
