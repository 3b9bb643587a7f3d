using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Protocol;

/// <summary>
/// The toolkit's OpenTelemetry surface: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="Name"/>. Subscribe with
/// <c>AddMeter("Protocol")</c> / <c>AddSource("Protocol")</c>.
/// </summary>
/// <remarks>
/// Every measurement and span a client records carries <see cref="ClientNameTag"/> and <see cref="PlatformTag"/>
/// (<see cref="ClientOptions.Name"/> and <see cref="ClientOptions.Platform"/>), so several clients in one process
/// stay apart. Names that come from the wire (<see cref="MessageNameTag"/>) are capped per client: the first
/// <see cref="WireNameTagLimit"/> distinct names are kept and every later one is reported as <see cref="OtherTagValue"/>, so a
/// server cannot explode the number of series.
/// </remarks>
public static class ProtocolTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Protocol";

    /// <summary>The tag holding the client's name (<see cref="ClientOptions.Name"/>).</summary>
    public const string ClientNameTag = "protocol.client.name";

    /// <summary>The tag holding the client's platform (<see cref="ClientOptions.Platform"/>).</summary>
    public const string PlatformTag = "protocol.platform";

    /// <summary>The tag holding an inbound message's event or action name (capped; see <see cref="WireNameTagLimit"/>).</summary>
    public const string MessageNameTag = "protocol.message.name";

    /// <summary>
    /// The tag holding the name of a property a declared message carried but does not declare, on <c>protocol.unknown_fields</c>
    /// (capped; see <see cref="WireNameTagLimit"/>).
    /// </summary>
    public const string FieldNameTag = "protocol.field.name";

    /// <summary>The tag holding an inbound message's kind (<c>event</c>, <c>reply</c>, <c>action</c> or <c>raw</c>).</summary>
    public const string MessageKindTag = "protocol.message.kind";

    /// <summary>The tag holding a module's name.</summary>
    public const string ModuleTag = "protocol.module";

    /// <summary>The tag holding a command's name.</summary>
    public const string CommandTag = "protocol.command";

    /// <summary>The tag holding a command's outcome (see <see cref="CommandOutcome"/>).</summary>
    public const string OutcomeTag = "protocol.outcome";

    /// <summary>The tag holding why an item was dropped (<c>inbox_full</c>, <c>slow_consumer</c>, <c>unreadable</c>).</summary>
    public const string DropReasonTag = "protocol.drop.reason";

    /// <summary>The tag holding the kind of an isolated failure on <c>protocol.errors</c>.</summary>
    public const string ErrorKindTag = "error.kind";

    /// <summary>How many distinct wire names each client keeps as tag values before reporting <see cref="OtherTagValue"/>.</summary>
    public const int WireNameTagLimit = 100;

    /// <summary>The tag value that stands for every wire name past <see cref="WireNameTagLimit"/> (or longer than 128 bytes).</summary>
    public const string OtherTagValue = "other";

    /// <summary>The meter every instrument belongs to.</summary>
    public static readonly Meter Meter = new(Name, "0.1.0");

    /// <summary>The activity source for connect and command spans.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, "0.1.0");

    internal static readonly Counter<long> Connects = Meter.CreateCounter<long>("protocol.connects", "{connection}", "Transport connections opened.");
    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("protocol.reconnects", "{attempt}", "Reconnect rounds started after a failure or a drop.");
    internal static readonly ObservableGauge<int> State = Meter.CreateObservableGauge("protocol.connection.state", ClientStateGauge.Observe, null, "Each live client's ConnectionState (0 Disconnected … 5 Closed).");
    internal static readonly Counter<long> MessagesIn = Meter.CreateCounter<long>("protocol.messages.received", "{message}", "Inbound messages routed, by kind and (capped) name.");
    internal static readonly Counter<long> MessagesOut = Meter.CreateCounter<long>("protocol.messages.sent", "{message}", "Outbound messages sent.");
    internal static readonly Counter<long> BytesIn = Meter.CreateCounter<long>("protocol.bytes.received", "By", "Inbound bytes (frame and attachments).");
    internal static readonly Counter<long> BytesOut = Meter.CreateCounter<long>("protocol.bytes.sent", "By", "Outbound bytes (frame and attachments).");
    internal static readonly Counter<long> Dropped = Meter.CreateCounter<long>("protocol.dropped", "{item}", "Items dropped: full module inbox, a slow subscription consumer, unreadable data, or a message nothing declares (reason unknown).");
    internal static readonly Counter<long> UnknownFields = Meter.CreateCounter<long>("protocol.unknown_fields", "{field}", "Properties a declared message carried that its declaration does not have, by message and (capped) field name.");
    internal static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("protocol.command.duration", "ms", "Time from issuing a command to its outcome.");
    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>("protocol.errors", "{error}", "Isolated failures: middleware, handlers, callbacks, module crashes, failed connects.");
    internal static readonly Counter<long> ModuleRestarts = Meter.CreateCounter<long>("protocol.module.restarts", "{restart}", "Module instances restarted after a crash.");
}
