using System.Text;
using System.Text.Json;

namespace Protocol.PocketOption.Simulator.Tests.Wire;

/// <summary>One event the simulator sent: its header frame's text, its JSON array and its attachments.</summary>
public sealed record Received(string Frame, JsonElement Payload, byte[][] Attachments)
{
    /// <summary>The event name.</summary>
    public string Name => Payload[0].GetString()!;

    /// <summary>Data argument <paramref name="index"/> (after the event name).</summary>
    public JsonElement Arg(int index) => Payload[index + 1];

    /// <summary>Whether it came two-step: <c>451-["name",{"_placeholder":true,"num":0}]</c> and the JSON as one binary frame.</summary>
    public bool IsTwoStep => Frame.StartsWith("451-[", StringComparison.Ordinal) && Payload.GetArrayLength() == 2 && Attachments.Length == 1
        && Arg(0).ValueKind == JsonValueKind.Object && Arg(0).TryGetProperty("_placeholder", out var p) && p.GetBoolean()
        && Arg(0).GetProperty("num").GetInt32() == 0;

    /// <summary>The two-step payload (the attachment's JSON).</summary>
    public JsonElement Body
    {
        get
        {
            IsTwoStep.ShouldBeTrue($"'{Name}' was expected two-step (a placeholder and one attachment); it came as {Frame} with {Attachments.Length} attachment(s).");
            using var doc = JsonDocument.Parse(Attachments[0]);
            return doc.RootElement.Clone();
        }
    }

    public override string ToString() => $"{Frame} {string.Join(" ", Attachments.Select(a => Encoding.UTF8.GetString(a)))}";
}
