using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>The static registration contract of a lightweight module (for <c>ClientBuilder.AddLightweightModule&lt;TModule&gt;()</c>).</summary>
/// <typeparam name="TSelf">The module type.</typeparam>
/// <typeparam name="TState">The client's state type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILightweightModuleDefinition<TSelf, TState>
    where TSelf : class, IModule
    where TState : class
{
    /// <summary>The module's unique name.</summary>
    static abstract string ModuleName { get; }

    /// <summary>The routing rule: a cheap, allocation-free predicate.</summary>
    /// <param name="message">The inbound message.</param>
    static abstract bool Matches(MessageView message);

    /// <summary>Creates a module instance (on start and after every crash).</summary>
    /// <param name="context">The registration's context.</param>
    static abstract TSelf Create(ModuleContext<TState> context);
}
