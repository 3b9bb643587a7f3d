using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Batching;

/// <summary>
/// The server's answer to a batch: one <c>multipleAction</c> frame echoing the outer <c>ns</c>, whose <c>message.actions</c> are
/// whole actions, each with its inner <c>ns</c> (captured, fact sheet §2.1 [C]).
/// </summary>
[ProtocolMessage("multipleAction", Direction = WireDirection.Incoming)]
public sealed partial class MultipleActionReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public MultipleActionBody Body { get; set; } = new();

    /// <summary>The echoed outer request id.</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }

    /// <summary>Reads the inner action named <paramref name="action"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A message type of this platform.</typeparam>
    /// <param name="action">The inner action's name.</param>
    /// <param name="value">The inner action when found and readable.</param>
    /// <returns>Whether it was.</returns>
    public bool TryReadInner<T>(string action, out T value)
        where T : IWireReadable<T>
    {
        foreach (var inner in Body.Actions)
        {
            if (inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("action", out var name) && name.ValueKind == JsonValueKind.String && name.ValueEquals(action))
            {
                var bytes = JsonSerializerBytes(inner);
                var reader = new Utf8JsonReader(bytes);
                if (reader.Read() && T.TryRead(ref reader, out value!))
                {
                    return true;
                }
            }
        }

        value = default!;
        return false;
    }

    private static byte[] JsonSerializerBytes(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            element.WriteTo(writer);
        }

        return stream.ToArray();
    }
}

/// <summary>The message of a <c>multipleAction</c>.</summary>
[WireType]
public sealed partial class MultipleActionBody
{
    /// <summary>The inner actions, as read.</summary>
    public List<JsonElement> Actions { get; set; } = [];
}
