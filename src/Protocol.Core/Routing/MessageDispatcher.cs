using System.Text;

namespace Protocol;

/// <summary>Everything the client does with one message type: match it, read it once, hand the value to each sink.</summary>
internal abstract class MessageDispatcher
{
    public abstract Type MessageType { get; }

    public abstract byte[] WireName { get; }

    // By reference: the view is large and crosses several calls per message.
    public abstract void Dispatch(in MessageView message);
}

/// <inheritdoc />
internal sealed class MessageDispatcher<TMessage> : MessageDispatcher
    where TMessage : IIncomingMessage<TMessage>
{
    private static readonly string WireNameText = Encoding.UTF8.GetString(TMessage.WireNameUtf8);
    private InboundSink<TMessage>[] _sinks = [];
    private InboundSink<TMessage>[] _reporters = [];

    // Names this client and message to the generated readers' unknown-property hook; null for a table built without a client.
    private readonly UnknownFieldScope? _unknownFields;

    // Whether a read needs the scope at all: a message that reads no object can report nothing (two thread-static writes and
    // their write barriers saved on every read of a tick).
    private readonly bool _scoped = TMessage.ReportsUnknownMembers;

    public MessageDispatcher(UnknownFields? unknownFields = null) => _unknownFields = unknownFields?.ScopeFor(WireNameText);

    public override Type MessageType => typeof(TMessage);

    public override byte[] WireName { get; } = TMessage.WireNameUtf8.ToArray();

    public int SinkCount => _sinks.Length;

    // Build time only. Sinks keep phase order, then registration order within a phase.
    public void Add(InboundSink<TMessage> sink)
    {
        _sinks = [.. _sinks.Append(sink).OrderBy(s => s.Phase)];
        if (!_reporters.Any(r => r.Module == sink.Module))
        {
            _reporters = [.. _reporters, sink];
        }
    }

    public override void Dispatch(in MessageView message)
    {
        // Several types can share a wire name (another envelope kind, another layout): each checks its own form.
        if (!TMessage.Matches(message))
        {
            return;
        }

        if (!(_scoped ? TryReadScoped(message, out var value) : TMessage.TryRead(message, out value)))
        {
            foreach (var reporter in _reporters)
            {
                reporter.ReportUnreadable(WireNameText);
            }

            return;
        }

        Deliver(_sinks, value);
    }

    // The read and the delivery are methods of their own so that Dispatch has no exception handling: a method with a try
    // keeps its locals on the stack, and Dispatch runs for every routed message.
    private bool TryReadScoped(in MessageView message, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TMessage value)
    {
        // The scope is a thread-static write and a restore, prepared at build time: a read whose properties are all declared
        // pays nothing else, and only an unknown property reaches the client's counters.
        var previous = Infrastructure.UnknownMembers.Enter(_unknownFields);
        try
        {
            return TMessage.TryRead(message, out value);
        }
        finally
        {
            Infrastructure.UnknownMembers.Exit(previous);
        }
    }

    // One sink's failure is reported and the next sink still gets the value; the try is entered once per message, not once
    // per sink.
    private static void Deliver(InboundSink<TMessage>[] sinks, TMessage value)
    {
        var next = 0;
        while (next < sinks.Length)
        {
            var current = next;
            try
            {
                for (; current < sinks.Length; current++)
                {
                    sinks[current].Deliver(value);
                }

                return;
            }
            catch (Exception error)
            {
                sinks[current].ReportFailure(error);
                next = current + 1;
            }
        }
    }
}
