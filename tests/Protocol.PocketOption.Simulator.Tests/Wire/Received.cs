using System.Text;
using System.Text.Json;
using Protocol.Messaging;

namespace Protocol.PocketOption.Simulator.Tests.Wire;

/// <summary>One received message, copied out of the view: its JSON payload and its attachments.</summary>
public sealed record Received(MessageKind Kind, string Name, JsonElement Payload, byte[][] Attachments)
{
    /// <summary>Data argument <paramref name="index"/> (after the event name).</summary>
    public JsonElement Arg(int index) => Payload[index + 1];

    /// <summary>Whether it came two-step: its one argument is placeholder 0 and the JSON is its one attachment.</summary>
    public bool IsTwoStep => Kind == MessageKind.Event && Payload.GetArrayLength() == 2 && Attachments.Length == 1
        && Arg(0).ValueKind == JsonValueKind.Object && Arg(0).TryGetProperty("_placeholder", out var p) && p.GetBoolean()
        && Arg(0).GetProperty("num").GetInt32() == 0;

    /// <summary>The two-step payload (the attachment's JSON).</summary>
    public JsonElement Body
    {
        get
        {
            IsTwoStep.ShouldBeTrue($"'{Name}' was expected two-step (a placeholder and one attachment); it came as {Payload.GetRawText()} with {Attachments.Length} attachment(s).");
            using var doc = JsonDocument.Parse(Attachments[0]);
            return doc.RootElement.Clone();
        }
    }

    public override string ToString() => $"{Kind} {Name} {Payload.GetRawText()} {string.Join(" ", Attachments.Select(a => Encoding.UTF8.GetString(a)))}";
}
