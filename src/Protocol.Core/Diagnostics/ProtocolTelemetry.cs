using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Protocol.Diagnostics;

/// <summary>
/// The toolkit's OpenTelemetry surface: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="Name"/>. Subscribe with
/// <c>AddMeter("Protocol")</c> / <c>AddSource("Protocol")</c>.
/// </summary>
public static class ProtocolTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Protocol";

    /// <summary>The meter every instrument belongs to.</summary>
    public static readonly Meter Meter = new(Name, "0.1.0");

    /// <summary>The activity source for connect and command spans.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, "0.1.0");

    internal static readonly Counter<long> Connects = Meter.CreateCounter<long>("protocol.connects", "{connection}", "Transport connections opened.");
    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("protocol.reconnects", "{attempt}", "Reconnect rounds started after a failure or a drop.");
    internal static readonly Gauge<int> State = Meter.CreateGauge<int>("protocol.connection.state", null, "The runner's ConnectionState (0 Disconnected … 5 Closed).");
    internal static readonly Counter<long> MessagesIn = Meter.CreateCounter<long>("protocol.messages.received", "{message}", "Inbound messages routed.");
    internal static readonly Counter<long> MessagesOut = Meter.CreateCounter<long>("protocol.messages.sent", "{message}", "Outbound messages sent.");
    internal static readonly Counter<long> BytesIn = Meter.CreateCounter<long>("protocol.bytes.received", "By", "Inbound bytes (frame and attachments).");
    internal static readonly Counter<long> BytesOut = Meter.CreateCounter<long>("protocol.bytes.sent", "By", "Outbound bytes (frame and attachments).");
    internal static readonly Counter<long> Dropped = Meter.CreateCounter<long>("protocol.dropped", "{item}", "Items dropped: full module inbox or a slow subscription consumer.");
    internal static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("protocol.command.duration", "ms", "Time from issuing a command to its outcome.");
    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>("protocol.errors", "{error}", "Isolated failures: middleware, handlers, callbacks, module crashes, failed connects.");
    internal static readonly Counter<long> ModuleRestarts = Meter.CreateCounter<long>("protocol.module.restarts", "{restart}", "Module instances restarted after a crash.");

    internal static void Error(string kind) => Errors.Add(1, new KeyValuePair<string, object?>("error.kind", kind));
}
