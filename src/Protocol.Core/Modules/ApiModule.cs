namespace Protocol.Modules;

/// <summary>
/// A module with commands, responses and a user-facing handle. The handle (created once per client by
/// <see cref="IApiModuleDefinition{TSelf, TState, THandle}.CreateHandle"/>) issues commands through
/// <see cref="ModuleContext{TState}.Commands"/>; this module sends the requests in <see cref="ModuleBase{TState}.OnCommandAsync"/>
/// (with <see cref="ModuleContext{TState}.SendAsync(Commands.ModuleCommand, Connections.OutgoingMessage, CancellationToken)"/>)
/// and completes them from <see cref="ModuleBase{TState}.OnMessageAsync"/> when the matching response arrives
/// (<see cref="Commands.CommandChannel.TryGetPending{TCommand}"/>). Subscriptions the handle exposes live on the handle,
/// so they survive module restarts; the module publishes to them through <see cref="Handle"/>.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <typeparam name="THandle">The handle type users get from <c>Client.GetHandle&lt;THandle&gt;()</c>.</typeparam>
public abstract class ApiModule<TState, THandle> : ModuleBase<TState>
    where TState : class
    where THandle : class
{
    /// <summary>Creates the module.</summary>
    /// <param name="context">The registration's context.</param>
    /// <param name="handle">The registration's handle (the same instance across restarts).</param>
    protected ApiModule(ModuleContext<TState> context, THandle handle)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(handle);
        Handle = handle;
    }

    /// <summary>The registration's handle.</summary>
    protected THandle Handle { get; }
}
