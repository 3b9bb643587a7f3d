using System.Buffers;
using System.Text.Json;

namespace Protocol.Core.Tests.Support;

// An outgoing per-asset message of a JSON-action platform: {"action":"<name>","asset":"<asset>"} (changeSymbol, subfor, unsubfor).
public sealed class AssetAction(string name, string asset) : IOutgoingMessage
{
    public string MessageName => name;

    public static string Text(string name, string asset) => $$"""{"action":"{{name}}","asset":"{{asset}}"}""";

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("asset", asset);
        writer.WriteEndObject();
    }

    public void WriteEnvelope(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("action", name);
        writer.WriteString("asset", asset);
        writer.WriteEndObject();
    }
}
