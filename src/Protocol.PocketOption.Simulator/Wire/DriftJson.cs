using System.Text.Json;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>Protocol drift (<see cref="Faults.SimulatorFaults.UnknownFields"/>, <see cref="Faults.SimulatorFaults.UnknownEventInterval"/>): what clients cannot know.</summary>
internal static class DriftJson
{
    /// <summary>The event name of the unknown event.</summary>
    public const string UnknownEvent = "simulatorDrift";

    /// <summary>The field added to every object.</summary>
    public const string UnknownField = "simulatorDrift";

    /// <summary><c>{"seq":n,"note":…}</c>.</summary>
    public static byte[] Event(long seq) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("seq", seq);
        w.WriteString("note", "An event this client does not know (the simulator's protocol drift): ignore it.");
        w.WriteEndObject();
    });

    /// <summary>The same JSON with <c>"simulatorDrift":1</c> at the end of every object, at any depth; numbers keep their text.</summary>
    public static byte[] AddUnknownFields(byte[] json) => PocketJson.Write(w =>
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    w.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    w.WriteNumber(UnknownField, 1);
                    w.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    w.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    w.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    w.WritePropertyName(reader.GetString()!);
                    break;
                case JsonTokenType.String:
                    w.WriteStringValue(reader.GetString());
                    break;
                case JsonTokenType.Number:
                    w.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    w.WriteBooleanValue(reader.GetBoolean());
                    break;
                case JsonTokenType.Null:
                    w.WriteNullValue();
                    break;
            }
        }
    });
}
