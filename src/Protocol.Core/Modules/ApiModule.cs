namespace Protocol;

/// <summary>
/// A module with commands, responses and a user-facing API. The API (created once per client by
/// <see cref="Infrastructure.IApiModuleDefinition{TSelf, TState, TApi}.CreateApi"/>) issues commands through
/// <see cref="ModuleContext{TState}.Commands"/>; this module sends the requests in <see cref="ModuleBase{TState}.OnCommandAsync"/>
/// (with <see cref="ModuleContext{TState}.SendAsync(ModuleCommand, OutgoingMessage, CancellationToken)"/>)
/// and completes them from <see cref="ModuleBase{TState}.OnMessageAsync"/> when the matching response arrives
/// (<see cref="CommandChannel.TryGetPending{TCommand}"/>). Subscriptions the API exposes live on the API,
/// so they survive module restarts; the module publishes to them through <see cref="Api"/>.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <typeparam name="TApi">The API type users get from <c>Client.GetApi&lt;TApi&gt;()</c>.</typeparam>
public abstract class ApiModule<TState, TApi> : ModuleBase<TState>
    where TState : class
    where TApi : class
{
    /// <summary>Creates the module.</summary>
    /// <param name="context">The registration's context.</param>
    /// <param name="api">The registration's API (the same instance across restarts).</param>
    protected ApiModule(ModuleContext<TState> context, TApi api)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(api);
        Api = api;
    }

    /// <summary>The registration's API.</summary>
    protected TApi Api { get; }
}
