namespace Protocol;

// The order in which a message's sinks run: handlers update state first, so a command's caller (and a stream's
// consumer) sees that state when it resumes; work for a module's pump is queued last.
internal enum SinkPhase
{
    Handler,
    Command,
    Stream,
    Pump,
}
