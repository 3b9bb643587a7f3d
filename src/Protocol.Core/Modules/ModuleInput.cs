using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>One item of a module's inbox: a routed message (a lease the module must release), a command, or a typed message for an asynchronous handler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ModuleInput
{
    /// <summary>Wraps a routed message.</summary>
    /// <param name="message">The lease; the reader releases it once.</param>
    public ModuleInput(MessageLease message) => Message = message;

    /// <summary>Wraps a command from the module's API.</summary>
    /// <param name="command">The command.</param>
    public ModuleInput(ModuleCommand command) => Command = command;

    // A typed message for an asynchronous handler, run by the module's pump (see ModuleRoutes.OnMessageAsync).
    internal ModuleInput(object? value, Func<IModule, object?, CancellationToken, ValueTask> work)
    {
        Value = value;
        Work = work;
    }

    /// <summary>The routed message, or null.</summary>
    public MessageLease? Message { get; }

    /// <summary>The command, or null.</summary>
    public ModuleCommand? Command { get; }

    internal object? Value { get; }

    internal Func<IModule, object?, CancellationToken, ValueTask>? Work { get; }
}
