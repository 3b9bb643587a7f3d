using System.Diagnostics;
using System.Runtime.CompilerServices;
using Protocol.Infrastructure;

namespace Protocol;

// One client's view of the process-wide instruments: every measurement and span it records carries the client's name
// and platform (ClientOptions.Name / Platform), so two clients in one process stay apart. Tag pairs are built once;
// with at most three tags the instruments' fixed-arity overloads are used, above that a stack TagList, so recording
// allocates nothing. Wire names go through a per-client WireNameTags cap before they become tag values.
internal sealed class ClientTelemetry
{
    // For components used outside any client (a SubscriptionSet created by hand, a validator called directly).
    public static readonly ClientTelemetry Default = new(ClientOptions.DefaultName, ClientOptions.DefaultPlatform);

    [ThreadStatic]
    private static ClientTelemetry? t_current;

    private static readonly KeyValuePair<string, object?> Unreadable = new(ProtocolTelemetry.DropReasonTag, "unreadable");
    private static readonly KeyValuePair<string, object?> Unknown = new(ProtocolTelemetry.DropReasonTag, "unknown");

    private readonly KeyValuePair<string, object?> _name;
    private readonly KeyValuePair<string, object?> _platform;
    private readonly WireNameTags _wireNames = new(ProtocolTelemetry.WireNameTagLimit);
    private readonly Lock _gate = new();
    private int _state;
    private bool _registered;
    private bool _retired;

    public ClientTelemetry(string name, string platform)
    {
        Name = name;
        Platform = platform;
        _name = new(ProtocolTelemetry.ClientNameTag, name);
        _platform = new(ProtocolTelemetry.PlatformTag, platform);
    }

    public string Name { get; }

    public string Platform { get; }

    // The client whose router is running on this thread (for validators, which have no client of their own).
    public static ClientTelemetry Current => t_current ?? Default;

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    public static ClientTelemetry? Enter(ClientTelemetry telemetry)
    {
        var previous = t_current;
        t_current = telemetry;
        return previous;
    }

    public static void Exit(ClientTelemetry? previous) => t_current = previous;

    // The state gauge is observed, not recorded: a client appears in it from its first transition until it is retired.
    public void SetState(ConnectionState state)
    {
        Volatile.Write(ref _state, (int)state);
        lock (_gate)
        {
            if (_registered || _retired)
            {
                return;
            }

            _registered = true;
        }

        ClientStateGauge.Register(this);
    }

    // On disposal: the client stops being reported (its last value does not linger as if it were still alive).
    public void Retire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return;
            }

            _retired = true;
            if (!_registered)
            {
                return;
            }
        }

        ClientStateGauge.Unregister(this);
    }

    public void AddClientTags(ref TagList tags)
    {
        tags.Add(_name);
        tags.Add(_platform);
    }

    public void Connected() => ProtocolTelemetry.Connects.Add(1, _name, _platform);

    public void Reconnecting() => ProtocolTelemetry.Reconnects.Add(1, _name, _platform);

    public void MessageReceived(in MessageView message)
    {
        // Every inbound message passes here: with no listener, skip the tag list and the name lookup entirely.
        if (ProtocolTelemetry.MessagesIn.Enabled || ProtocolTelemetry.BytesIn.Enabled)
        {
            RecordReceived(in message);
        }
    }

    // Apart from the check above: the tag list is a large struct the JIT clears in the prolog of whichever method holds it,
    // and in MessageReceived itself that cleared about 300 bytes of stack on every message, listener or not.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordReceived(in MessageView message)
    {
        var bytes = (long)message.Raw.Length;
        foreach (var attachment in message.Attachments)
        {
            bytes += attachment.Length;
        }

        var kind = message.Kind;
        var named = kind is MessageKind.Event or MessageKind.Action;
        var tags = new TagList
        {
            _name,
            _platform,
            new(ProtocolTelemetry.MessageKindTag, KindLabel(kind)),
            new(ProtocolTelemetry.MessageNameTag, named ? _wireNames.Get(message.Name) : string.Empty),
        };
        ProtocolTelemetry.MessagesIn.Add(1, in tags);
        ProtocolTelemetry.BytesIn.Add(bytes, _name, _platform);
    }

    public void MessageSent(long bytes)
    {
        ProtocolTelemetry.MessagesOut.Add(1, _name, _platform);
        ProtocolTelemetry.BytesOut.Add(bytes, _name, _platform);
    }

    public void Dropped(KeyValuePair<string, object?> reason) => ProtocolTelemetry.Dropped.Add(1, _name, _platform, reason);

    public void Dropped(KeyValuePair<string, object?> reason, string module)
    {
        var tags = new TagList { _name, _platform, reason, new(ProtocolTelemetry.ModuleTag, module) };
        ProtocolTelemetry.Dropped.Add(1, in tags);
    }

    // A routed message whose data did not have the declared shape; its name is capped like any wire name.
    public void DroppedUnreadable(string module, string messageName)
    {
        var tags = new TagList { _name, _platform, Unreadable, new(ProtocolTelemetry.ModuleTag, module), new(ProtocolTelemetry.MessageNameTag, _wireNames.Get(messageName)) };
        ProtocolTelemetry.Dropped.Add(1, in tags);
    }

    // A message no declaration and no rule module took; returns its capped name tag.
    public string DroppedUnknown(ReadOnlySpan<byte> name)
    {
        var tag = _wireNames.Get(name);
        if (ProtocolTelemetry.Dropped.Enabled)
        {
            RecordUnknown(tag);
        }

        return tag;
    }

    // Apart, as RecordReceived: a platform sends many events a client does not read, each of them passes DroppedUnknown.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordUnknown(string tag)
    {
        var tags = new TagList { _name, _platform, Unknown, new(ProtocolTelemetry.MessageNameTag, tag) };
        ProtocolTelemetry.Dropped.Add(1, in tags);
    }

    // A declared message carried a property its declaration does not have (UnknownFields caps both tag values).
    public void UnknownField(KeyValuePair<string, object?> message, KeyValuePair<string, object?> field)
    {
        if (!ProtocolTelemetry.UnknownFields.Enabled)
        {
            return;
        }

        var tags = new TagList { _name, _platform, message, field };
        ProtocolTelemetry.UnknownFields.Add(1, in tags);
    }

    public void Error(string kind) => ProtocolTelemetry.Errors.Add(1, _name, _platform, new(ProtocolTelemetry.ErrorKindTag, kind));

    public void ModuleRestarted(string module) => ProtocolTelemetry.ModuleRestarts.Add(1, _name, _platform, new(ProtocolTelemetry.ModuleTag, module));

    public Activity? StartConnect(ConnectionEndpoint endpoint, int attempt)
    {
        var activity = ProtocolTelemetry.ActivitySource.StartActivity("protocol.connect", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(ProtocolTelemetry.ClientNameTag, Name);
            activity.SetTag(ProtocolTelemetry.PlatformTag, Platform);

            // The endpoint's name (the host when none was given): never the URI, whose query may carry a token.
            activity.SetTag("protocol.endpoint", endpoint.Name);
            activity.SetTag("protocol.attempt", attempt);
        }

        return activity;
    }

    public Activity? StartCommand(string module, string command)
    {
        var activity = ProtocolTelemetry.ActivitySource.StartActivity("protocol.command", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(ProtocolTelemetry.ClientNameTag, Name);
            activity.SetTag(ProtocolTelemetry.PlatformTag, Platform);
            activity.SetTag(ProtocolTelemetry.ModuleTag, module);
            activity.SetTag(ProtocolTelemetry.CommandTag, command);
        }

        return activity;
    }

    public void CommandCompleted(Activity? activity, string module, string command, string outcome, double milliseconds)
    {
        if (activity is not null)
        {
            activity.SetTag(ProtocolTelemetry.OutcomeTag, outcome);
            activity.SetStatus(outcome == CommandOutcome.Ok ? ActivityStatusCode.Ok : ActivityStatusCode.Error, outcome == CommandOutcome.Ok ? null : outcome);
        }

        var tags = new TagList
        {
            _name,
            _platform,
            new(ProtocolTelemetry.ModuleTag, module),
            new(ProtocolTelemetry.CommandTag, command),
            new(ProtocolTelemetry.OutcomeTag, outcome),
        };
        ProtocolTelemetry.CommandDuration.Record(milliseconds, in tags);
    }

    private static string KindLabel(MessageKind kind) => kind switch
    {
        MessageKind.Event => "event",
        MessageKind.Reply => "reply",
        MessageKind.Action => "action",
        _ => "raw",
    };
}
