namespace Protocol;

/// <summary>
/// One consumer of a typed inbound message on the receive path: a module's handler, a command matcher, a stream. It
/// gets the value the dispatch table read once; it must not block (anything that waits goes to a pump of its own).
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
internal abstract class InboundSink<TMessage>(string module, SinkPhase phase)
{
    public string Module { get; } = module;

    public SinkPhase Phase { get; } = phase;

    public abstract void Deliver(TMessage value);

    // The message matched but its data did not have the declared shape. Reported once per module, not per sink.
    public abstract void ReportUnreadable(string wireName);

    // Deliver threw: logged and counted; the other sinks still get the value.
    public abstract void ReportFailure(Exception error);
}
