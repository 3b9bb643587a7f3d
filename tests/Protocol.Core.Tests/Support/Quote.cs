using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Protocol.Core.Tests.Support;

// An inbound per-asset update, hand-written as the generator would write it for a JSON-action platform:
// {"action":"quote","asset":"EURUSD","price":12}.
public sealed class Quote : IIncomingMessage<Quote>
{
    public string Asset { get; init; } = "";

    public int Price { get; init; }

    public static ReadOnlySpan<byte> WireNameUtf8 => "quote"u8;

    public static bool Matches(MessageView message) => message.Kind == MessageKind.Action && message.Name.SequenceEqual(WireNameUtf8);

    public static bool TryRead(MessageView message, [MaybeNullWhen(false)] out Quote value)
    {
        var reader = new Utf8JsonReader(message.Payload);
        return TryRead(ref reader, out value);
    }

    public static bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out Quote value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var asset = "";
        var price = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAsset = reader.ValueTextEquals("asset"u8);
            var isPrice = reader.ValueTextEquals("price"u8);
            reader.Read();
            if (isAsset)
            {
                asset = reader.GetString() ?? "";
            }
            else if (isPrice)
            {
                price = reader.GetInt32();
            }
        }

        value = new Quote { Asset = asset, Price = price };
        return true;
    }
}
