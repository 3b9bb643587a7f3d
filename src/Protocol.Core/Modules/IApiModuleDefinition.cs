using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>
/// The static registration contract of an API module (what <c>ClientBuilder.AddModule&lt;TModule, TApi&gt;()</c>
/// needs, without reflection). Generated modules implement it.
/// </summary>
/// <typeparam name="TSelf">The module type.</typeparam>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <typeparam name="TApi">The API type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IApiModuleDefinition<TSelf, TState, TApi>
    where TSelf : class, IModule
    where TState : class
    where TApi : class
{
    /// <summary>The module's unique name (logs, metrics, errors).</summary>
    static abstract string ModuleName { get; }

    /// <summary>
    /// Declares, once per client, what the module does with each inbound message type (handlers, command replies and
    /// failures, streams); the client routes by wire name and reads each message once for all of them.
    /// </summary>
    /// <param name="routes">Where to declare them.</param>
    static abstract void Routes(ModuleRoutes<TState, TSelf, TApi> routes);

    /// <summary>Creates the API, once per client.</summary>
    /// <param name="commands">The module's command channel.</param>
    /// <param name="state">The client's state (the one instance every module shares), for what the API builds from it: a keyed
    /// stream's start and stop messages may take it, e.g. to sign a request with the session's token.</param>
    static abstract TApi CreateApi(CommandChannel commands, TState state);

    /// <summary>Creates a module instance (on start and after every crash).</summary>
    /// <param name="context">The registration's context.</param>
    /// <param name="api">The registration's API.</param>
    static abstract TSelf Create(ModuleContext<TState> context, TApi api);
}
