using Protocol.Infrastructure;

namespace Protocol;

/// <summary>
/// A background module with a rule and no API (keep-alive, state trackers). Register with
/// <c>ClientBuilder.AddLightweightModule&lt;TModule&gt;()</c> when it implements
/// <see cref="ILightweightModuleDefinition{TSelf, TState}"/>, or with the delegate overload.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public abstract class LightweightModule<TState> : ModuleBase<TState>
    where TState : class
{
    /// <summary>Creates the module.</summary>
    /// <param name="context">The registration's context.</param>
    protected LightweightModule(ModuleContext<TState> context)
        : base(context)
    {
    }

    /// <summary>Handles one message its rule matched; the lease is released after the returned task completes.</summary>
    /// <param name="message">The message lease.</param>
    /// <param name="cancellationToken">Cancelled on client disposal.</param>
    protected abstract override ValueTask OnMessageAsync(Infrastructure.MessageLease message, CancellationToken cancellationToken);

    /// <summary>Lightweight modules have no API, so nothing issues commands to them.</summary>
    /// <param name="command">Unused.</param>
    /// <param name="cancellationToken">Unused.</param>
    protected sealed override ValueTask OnCommandAsync(ModuleCommand command, CancellationToken cancellationToken)
    {
        command.TryFail(new InvalidOperationException($"Lightweight module '{Context.Name}' takes no commands; send commands to an API module."));
        return ValueTask.CompletedTask;
    }
}
