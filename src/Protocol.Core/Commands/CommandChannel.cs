using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Protocol.Infrastructure;

namespace Protocol;

/// <summary>
/// A module's command queue, shared by its API (which issues commands) and every instance of the module (which
/// answers them), so it outlives module restarts. Tracks every command from issue to outcome: on disconnect, module
/// crash, timeout or cancellation the pending ones fail with a typed error and are never re-sent.
/// </summary>
public sealed class CommandChannel
{
    private readonly ChannelWriter<ModuleInput> _inbox;
    private readonly IClientRuntime _runtime;
    private readonly List<ModuleCommand> _pending = [];
    private readonly Lock _gate = new();

    internal CommandChannel(string moduleName, ChannelWriter<ModuleInput> inbox, IClientRuntime runtime)
    {
        ModuleName = moduleName;
        _inbox = inbox;
        _runtime = runtime;
    }

    /// <summary>The module this channel feeds.</summary>
    public string ModuleName { get; }

    /// <summary>The client's clock (for APIs that compute deadlines).</summary>
    public TimeProvider TimeProvider => _runtime.TimeProvider;

    /// <summary>Cancelled when the client closes for good; pass it to a <see cref="Infrastructure.SubscriptionSet{T}"/> so streams end then.</summary>
    public CancellationToken ClientClosed => _runtime.ClientClosed;

    internal ClientTelemetry Telemetry => _runtime.Telemetry;

    // Keyed subscription sets send their start and stop messages through it and register their replay with it.
    internal IClientRuntime Runtime => _runtime;

    /// <summary>How many commands are issued and not completed.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Issues <paramref name="command"/> and waits for its outcome: the command is tracked first, then a
    /// <see cref="RequestCommand{TRequest, TResult}"/> sends its own request into the transport's send queue (its answer is
    /// matched on the receive path), any other command is queued for the module. Fails fast with
    /// <see cref="NotReadyException"/> when the client is not Ready.
    /// </summary>
    /// <typeparam name="TResult">The command's result.</typeparam>
    /// <param name="command">A new command instance (each instance is issued once).</param>
    /// <param name="timeout">The bound on the whole wait; <see cref="ClientOptions.CommandTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait; the command is failed so the module skips it if not yet sent.</param>
    /// <returns>The module's answer.</returns>
    /// <exception cref="CommandTimeoutException">No answer in time.</exception>
    /// <exception cref="ConnectionLostException">The connection dropped first.</exception>
    /// <exception cref="ModuleFaultedException">The module crashed first.</exception>
    public async Task<TResult> ExecuteAsync<TResult>(Command<TResult> command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Channel is not null)
        {
            throw new InvalidOperationException($"Command '{command.CommandName}' was already issued; create a new instance for every call.");
        }

        var state = _runtime.ConnectionState;
        if (state != ConnectionState.Ready)
        {
            throw new NotReadyException(state, command.CommandName);
        }

        var limit = timeout ?? _runtime.Options.CommandTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        if (_runtime.CommandRateLimiter is { } rateLimit)
        {
            // Waiting for a token is part of the command's timeout; nothing is tracked or sent until it has one, and a command
            // whose session ended while it waited is not carried over to the next one.
            var issuedIn = _runtime.SessionId;
            limit -= await rateLimit.AcquireAsync(command.CommandName, limit, cancellationToken).ConfigureAwait(false);
            if (_runtime.ConnectionState != ConnectionState.Ready || _runtime.SessionId != issuedIn)
            {
                throw new ConnectionLostException($"The connection dropped while '{command.CommandName}' waited for the command rate limit; nothing was sent.") { NothingSent = true };
            }

            if (limit <= TimeSpan.Zero)
            {
                throw new CommandRateLimitedException(command.CommandName, "its timeout passed while it waited for the rate limit");
            }
        }

        command.Channel = this;
        command.SessionId = _runtime.SessionId;
        lock (_gate)
        {
            _pending.Add(command);
        }

        // The connection may have dropped between the check and the tracking (and missed this command).
        if (_runtime.ConnectionState != ConnectionState.Ready || _runtime.SessionId != command.SessionId)
        {
            command.TryFail(new ConnectionLostException($"The connection dropped while '{command.CommandName}' was being issued; nothing was sent.") { NothingSent = true });
        }

        var started = _runtime.TimeProvider.GetTimestamp();
        var telemetry = _runtime.Telemetry;
        using var activity = telemetry.StartCommand(ModuleName, command.CommandName);
        using var timeoutSource = new CancellationTokenSource(limit, _runtime.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var outcome = CommandOutcome.Error;
        try
        {
            if (command is IRequestMessageCommand request)
            {
                // Pending before its frame is written, so an answer that beats the send's completion still finds it.
                try
                {
                    await request.SendAsync(_runtime, linked.Token).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    command.TryFail(error);
                    throw;
                }

                request.OnSent();
            }
            else
            {
                await _inbox.WriteAsync(new ModuleInput(command), linked.Token).ConfigureAwait(false);
            }

            var result = await command.Completion.WaitAsync(linked.Token).ConfigureAwait(false);
            outcome = CommandOutcome.Ok;
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            var error = new CommandTimeoutException(command.CommandName, limit);
            if (!command.TryFail(error) && command.Completion.IsCompletedSuccessfully)
            {
                // The answer raced the timeout and won.
                outcome = CommandOutcome.Ok;
                return command.Completion.Result;
            }

            outcome = CommandOutcome.Timeout;
            throw error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            command.TryFail(new OperationCanceledException(cancellationToken));
            outcome = CommandOutcome.Cancelled;
            throw;
        }
        catch (Exception error)
        {
            outcome = error switch
            {
                CommandRejectedException => CommandOutcome.Rejected,
                CommandTimeoutException => CommandOutcome.Timeout,
                ConnectionLostException => CommandOutcome.ConnectionLost,
                ModuleFaultedException => CommandOutcome.ModuleFaulted,
                ClientClosedException => CommandOutcome.ClientClosed,
                OperationCanceledException => CommandOutcome.Cancelled,
                _ => CommandOutcome.Error,
            };
            throw;
        }
        finally
        {
            telemetry.CommandCompleted(activity, ModuleName, command.CommandName, outcome, _runtime.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Finds the oldest pending command of type <typeparamref name="TCommand"/> that <paramref name="match"/> accepts (correlation).</summary>
    /// <typeparam name="TCommand">The command type.</typeparam>
    /// <param name="match">An extra condition (e.g. same request id); any when null.</param>
    /// <param name="command">The command; complete it with <see cref="Command{TResult}.TryComplete"/>.</param>
    /// <returns>Whether one was found.</returns>
    public bool TryGetPending<TCommand>(Func<TCommand, bool>? match, [NotNullWhen(true)] out TCommand? command)
        where TCommand : ModuleCommand
        => TryGetPending(static (candidate, match) => match is null || match(candidate), match, out command);

    /// <summary>
    /// Finds the oldest pending command of type <typeparamref name="TCommand"/> that <paramref name="match"/> accepts for
    /// <paramref name="argument"/> (typically the response). With a static lambda nothing is allocated.
    /// </summary>
    /// <typeparam name="TCommand">The command type.</typeparam>
    /// <typeparam name="TArgument">What <paramref name="match"/> compares against.</typeparam>
    /// <param name="match">The correlation.</param>
    /// <param name="argument">Passed to <paramref name="match"/>.</param>
    /// <param name="command">The command; complete it with <see cref="Command{TResult}.TryComplete"/>.</param>
    /// <returns>Whether one was found.</returns>
    public bool TryGetPending<TCommand, TArgument>(Func<TCommand, TArgument, bool> match, TArgument argument, [NotNullWhen(true)] out TCommand? command)
        where TCommand : ModuleCommand
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            foreach (var item in _pending)
            {
                if (item is TCommand typed && !typed.IsCompleted && match(typed, argument))
                {
                    command = typed;
                    return true;
                }
            }
        }

        command = null;
        return false;
    }

    // Fails the oldest pending command that failure() gives an error for; the error is computed once, for that command.
    internal bool TryFailOldest<TCommand, TArgument>(Func<TCommand, TArgument, Exception?> failure, TArgument argument)
        where TCommand : ModuleCommand
    {
        TCommand? found = null;
        Exception? error = null;
        lock (_gate)
        {
            foreach (var item in _pending)
            {
                if (item is TCommand typed && !typed.IsCompleted && failure(typed, argument) is { } reason)
                {
                    found = typed;
                    error = reason;
                    break;
                }
            }
        }

        return found is not null && found.TryFail(error!);
    }

    internal void Untrack(ModuleCommand command)
    {
        lock (_gate)
        {
            _pending.Remove(command);
        }
    }

    // Fails every pending command. The exception factory runs once per command so each caller gets its own.
    internal int FailAll(Func<ModuleCommand, Exception> error)
    {
        ModuleCommand[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        var failed = 0;
        foreach (var command in pending)
        {
            if (command.TryFail(error(command)))
            {
                failed++;
            }
        }

        return failed;
    }
}
