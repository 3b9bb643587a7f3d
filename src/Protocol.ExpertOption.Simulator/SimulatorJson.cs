using System.Text.Json.Serialization;

namespace Protocol.ExpertOption.Simulator;

/// <summary>The few values the simulator serialises (AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SimulatorJson : JsonSerializerContext;
