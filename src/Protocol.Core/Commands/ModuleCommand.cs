namespace Protocol;

/// <summary>
/// A request from a module API to its module, tracked from the moment it is issued until it completes. If the
/// connection drops first, the runtime fails it with <see cref="ConnectionLostException"/>; it is never
/// re-sent. Derive from <see cref="Command{TResult}"/>.
/// </summary>
public abstract class ModuleCommand
{
    private protected ModuleCommand()
    {
    }

    /// <summary>The name used in traces, metrics and errors; the type name by default.</summary>
    public virtual string CommandName => GetType().Name;

    /// <summary>The session the command was issued in; a module can only send it on that session.</summary>
    public long SessionId { get; internal set; }

    /// <summary>Whether it has a result or an error.</summary>
    public abstract bool IsCompleted { get; }

    internal CommandChannel? Channel { get; set; }

    /// <summary>Fails the command (the caller's task throws <paramref name="error"/>).</summary>
    /// <param name="error">Why it failed.</param>
    /// <returns><see langword="false"/> if it had already completed.</returns>
    public abstract bool TryFail(Exception error);

    private protected void Untrack() => Channel?.Untrack(this);
}
