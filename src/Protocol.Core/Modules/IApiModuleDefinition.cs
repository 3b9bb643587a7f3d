using Protocol.Commands;

namespace Protocol.Modules;

/// <summary>
/// The static registration contract of an API module (what <c>ClientBuilder.AddModule&lt;TModule, THandle&gt;()</c>
/// needs, without reflection). Generated modules implement it.
/// </summary>
/// <typeparam name="TSelf">The module type.</typeparam>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <typeparam name="THandle">The handle type.</typeparam>
public interface IApiModuleDefinition<TSelf, TState, THandle>
    where TSelf : class, IModule
    where TState : class
    where THandle : class
{
    /// <summary>The module's unique name (logs, metrics, errors).</summary>
    static abstract string ModuleName { get; }

    /// <summary>
    /// Declares, once per client, what the module does with each inbound message type (handlers, command replies and
    /// failures, streams); the client routes by wire name and reads each message once for all of them.
    /// </summary>
    /// <param name="routes">Where to declare them.</param>
    static abstract void Routes(ModuleRoutes<TState, TSelf, THandle> routes);

    /// <summary>Creates the handle, once per client.</summary>
    /// <param name="commands">The module's command channel.</param>
    static abstract THandle CreateHandle(CommandChannel commands);

    /// <summary>Creates a module instance (on start and after every crash).</summary>
    /// <param name="context">The registration's context.</param>
    /// <param name="handle">The registration's handle.</param>
    static abstract TSelf Create(ModuleContext<TState> context, THandle handle);
}
