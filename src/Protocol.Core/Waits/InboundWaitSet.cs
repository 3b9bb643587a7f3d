using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>
/// The registered waits of one declared wait (<c>[ModuleWait]</c>): each holds an argument (e.g. a deal id) and completes
/// with the first inbound <typeparamref name="TMessage"/> the declared predicate accepts for it. What generated APIs use;
/// users call the API's <c>WaitXxx(argument)</c> and get an <see cref="InboundWait{TMessage}"/>.
/// </summary>
/// <remarks>
/// Waits complete on the receive path (continuations run asynchronously, never on the receive thread), after the module's
/// handlers ran, so state they update is visible when the waiter resumes. Every matching wait completes, not only the
/// oldest. With no wait registered the receive path does one volatile read and allocates nothing. Waits belong to the
/// session they were registered in: when it ends they fail with <see cref="ConnectionLostException"/> (an event that
/// happened while disconnected is never delivered), and registering while the client is not Ready throws
/// <see cref="NotReadyException"/>; after the client closes, registering throws <see cref="ClientClosedException"/>.
/// </remarks>
/// <typeparam name="TArgument">What a wait is for (e.g. the deal id).</typeparam>
/// <typeparam name="TMessage">The inbound message waited for.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class InboundWaitSet<TArgument, TMessage> : ISessionStarter
{
    private readonly Lock _gate = new();
    private readonly Func<TArgument, TMessage, bool> _match;
    private readonly IClientRuntime _runtime;
    private Entry[] _entries = [];
    private object? _live;
    private bool _closed;

    /// <summary>Creates the set of a module's client: its clock, its sessions and its end.</summary>
    /// <param name="commands">The module's command channel.</param>
    /// <param name="name">The declaration's name, for errors (e.g. <c>"DealClosed"</c>).</param>
    /// <param name="match">Whether a message is the one a wait with this argument waits for; it runs on the receive path and must not block.</param>
    public InboundWaitSet(CommandChannel commands, string name, Func<TArgument, TMessage, bool> match)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(match);
        Name = commands.ModuleName + "." + name;
        _match = match;
        _runtime = commands.Runtime;
        _runtime.AddSessionStarter(this);
        if (_runtime.ClientClosed.CanBeCanceled)
        {
            _runtime.ClientClosed.Register(static state => ((InboundWaitSet<TArgument, TMessage>)state!).Close(), this);
        }
    }

    /// <summary>The module and declaration name (for errors and logs).</summary>
    public string Name { get; }

    /// <summary>How many waits are registered and pending.</summary>
    public int Count => Volatile.Read(ref _entries).Length;

    /// <summary>
    /// Registers a wait for <paramref name="argument"/>; from now on a matching message completes it. Register before reading
    /// the state the message would change, then await <see cref="InboundWait{TMessage}.WaitAsync"/>.
    /// </summary>
    /// <param name="argument">What to wait for (passed to the predicate with each message).</param>
    /// <returns>The registered wait; dispose it when done.</returns>
    /// <exception cref="NotReadyException">The client is not Ready: an event that happens while disconnected is never delivered.</exception>
    /// <exception cref="ClientClosedException">The client is closed.</exception>
    public InboundWait<TMessage> Register(TArgument argument)
    {
        var wait = new InboundWait<TMessage>(Name, _runtime.TimeProvider, Unregister);
        lock (_gate)
        {
            if (_closed)
            {
                throw new ClientClosedException();
            }

            if (_live is null)
            {
                throw new NotReadyException(_runtime.ConnectionState, Name);
            }

            _entries = [.. _entries, new Entry(argument, wait)];
        }

        return wait;
    }

    /// <summary>
    /// Completes every registered wait that <paramref name="message"/> matches: what runs on the receive path. A predicate
    /// that throws fails its own wait with that exception; the others are still tried. Allocates nothing when no wait is registered.
    /// </summary>
    /// <param name="message">The inbound message.</param>
    public void Offer(TMessage message)
    {
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            bool matched;
            try
            {
                matched = _match(entry.Argument, message);
            }
            catch (Exception error)
            {
                Unregister(entry.Wait);
                entry.Wait.TryFail(error);
                continue;
            }

            if (matched)
            {
                Unregister(entry.Wait);
                entry.Wait.TryComplete(message);
            }
        }
    }

    // Waits need no start messages: a session becomes the live one once its login succeeded, before Ready.
    Task ISessionStarter.StartAsync(object session, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _live = session;
            }
        }

        return Task.CompletedTask;
    }

    void ISessionStarter.SessionEnded(object session)
    {
        Entry[] failed;
        lock (_gate)
        {
            if (!ReferenceEquals(_live, session))
            {
                return;
            }

            _live = null;
            failed = _entries;
            _entries = [];
        }

        foreach (var entry in failed)
        {
            entry.Wait.TryFail(new ConnectionLostException(
                $"The connection dropped while '{Name}' was waiting. An event that happened while disconnected is never delivered: read the state again once the client is Ready, then wait again."));
        }
    }

    private void Close()
    {
        Entry[] failed;
        lock (_gate)
        {
            _closed = true;
            _live = null;
            failed = _entries;
            _entries = [];
        }

        foreach (var entry in failed)
        {
            entry.Wait.TryFail(new ClientClosedException());
        }
    }

    private void Unregister(InboundWait<TMessage> wait)
    {
        lock (_gate)
        {
            var index = -1;
            for (var i = 0; i < _entries.Length; i++)
            {
                if (ReferenceEquals(_entries[i].Wait, wait))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                return;
            }

            var next = new Entry[_entries.Length - 1];
            Array.Copy(_entries, 0, next, 0, index);
            Array.Copy(_entries, index + 1, next, index, _entries.Length - index - 1);
            _entries = next;
        }
    }

    private sealed record Entry(TArgument Argument, InboundWait<TMessage> Wait);
}
