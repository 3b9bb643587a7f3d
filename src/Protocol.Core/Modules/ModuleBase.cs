using Protocol.Infrastructure;

namespace Protocol;

/// <summary>
/// The inbox loop shared by API and lightweight modules: reads messages and commands in arrival order, hands each to
/// <see cref="OnMessageAsync"/> or <see cref="OnCommandAsync"/>, and releases each message lease afterwards. An
/// exception escaping either method crashes this instance; the supervisor restarts a fresh one on the same inbox.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public abstract class ModuleBase<TState> : IModule
    where TState : class
{
    /// <summary>Creates the module.</summary>
    /// <param name="context">The registration's context.</param>
    protected ModuleBase(ModuleContext<TState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    /// <summary>The registration's context (state, sender, clock, logger, commands).</summary>
    protected ModuleContext<TState> Context { get; }

    /// <inheritdoc />
    public virtual async Task RunAsync(CancellationToken cancellationToken)
    {
        var inbox = Context.Inbox;
        while (await inbox.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (inbox.TryRead(out var input))
            {
                if (input.Message is { } lease)
                {
                    try
                    {
                        await OnMessageAsync(lease, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        lease.Release();
                    }
                }
                else if (input.Work is { } work)
                {
                    // An asynchronous handler: it throwing crashes this instance like any other module failure.
                    await work(this, input.Value, cancellationToken).ConfigureAwait(false);
                }
                else if (input.Command is { IsCompleted: false } command)
                {
                    try
                    {
                        await OnCommandAsync(command, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ConnectionLostException lost)
                    {
                        // Not the module's fault: the request could not go out. The caller hears why; the module lives on.
                        command.TryFail(lost);
                    }
                    catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // The caller hears about it; the module still crashes so it restarts clean.
                        command.TryFail(new ModuleFaultedException(Context.Name, error));
                        throw;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Handles one routed message. <c>message.View</c> is valid until the returned task completes (the base releases
    /// the lease afterwards); read it in synchronous code, since a <see cref="MessageView"/> cannot cross an await.
    /// </summary>
    /// <remarks>Only modules registered with a rule get leases; generated modules get typed values through their routes.</remarks>
    /// <param name="message">The message lease.</param>
    /// <param name="cancellationToken">Cancelled on client disposal.</param>
    protected virtual ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Handles one command from the API (API modules). Commands already failed or timed out are skipped. Commands that
    /// carry their own request (<see cref="RequestCommand{TRequest, TResult}"/>) are sent by the API and never come here.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancelled on client disposal.</param>
    protected virtual ValueTask OnCommandAsync(ModuleCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.TryFail(new InvalidOperationException($"Module '{Context.Name}' takes no '{command.CommandName}' command: it does not override OnCommandAsync."));
        return ValueTask.CompletedTask;
    }
}
