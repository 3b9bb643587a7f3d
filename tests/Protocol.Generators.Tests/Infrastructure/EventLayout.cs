using System.Text.Json;
using Protocol.SocketIO;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// The argument layout Protocol.SocketIO's <see cref="SocketIOViewMapper"/> computes for a decoded event, for tests that
/// build a <see cref="MessageView"/> from a bare payload array: element i after the event name is argument i, and an
/// argument that is a placeholder is its attachment.
/// </summary>
internal static class EventLayout
{
    /// <summary>The layout of an event's payload, or none at all when the payload is not one well-formed array.</summary>
    /// <remarks>
    /// All or nothing, like the real path: the Socket.IO parser refuses a malformed frame before any reader sees it, so
    /// a cut or garbled payload has no arguments (and a generated reader returns false on it).
    /// </remarks>
    public static ArgumentSlice[] Of(ReadOnlySpan<byte> payload, int attachmentCount = 0)
    {
        var slices = new List<ArgumentSlice>();
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                return [];
            }

            reader.Skip(); // the event name
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                var argument = payload[start..end];
                slices.Add(attachmentCount > 0 && SocketIOPlaceholder.TryParse(argument, out var num) && num < attachmentCount
                    ? ArgumentSlice.Attachment(num)
                    : ArgumentSlice.InPayload(start, end - start));
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                return [];
            }
        }
        catch (JsonException)
        {
            return [];
        }

        return [.. slices];
    }
}
