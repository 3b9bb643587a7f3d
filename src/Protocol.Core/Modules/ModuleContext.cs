using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Protocol.Infrastructure;

namespace Protocol;

/// <summary>What a module instance gets from the runtime. One context per registration, shared by restarted instances.</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class ModuleContext<TState>
    where TState : class
{
    private readonly IClientRuntime _runtime;
    private long _unreadable;
    private IModule? _instance;

    internal ModuleContext(string name, TState state, ChannelReader<ModuleInput> inbox, CommandChannel commands, IClientRuntime runtime)
    {
        Name = name;
        State = state;
        Inbox = inbox;
        Commands = commands;
        _runtime = runtime;
        Logger = runtime.LoggerFactory.CreateLogger("Protocol.Modules." + name);
    }

    /// <summary>The module's registered name.</summary>
    public string Name { get; }

    /// <summary>The client's state.</summary>
    public TState State { get; }

    /// <summary>Messages the router delivered (release each lease once) and commands from the API.</summary>
    public ChannelReader<ModuleInput> Inbox { get; }

    /// <summary>The module's command channel: find pending commands to answer them.</summary>
    public CommandChannel Commands { get; }

    /// <summary>The client's clock; use it for every delay and timestamp.</summary>
    public TimeProvider TimeProvider => _runtime.TimeProvider;

    /// <summary>A logger named after the module.</summary>
    public ILogger Logger { get; }

    /// <summary>The client's connection state now.</summary>
    /// <remarks>Sinks on the receive path call the current instance: the one created at build, or the last restarted one.</remarks>
    internal IModule? Instance
    {
        get => Volatile.Read(ref _instance);
        set => Volatile.Write(ref _instance, value);
    }

    internal CancellationToken ClientClosed => _runtime.ClientClosed;

    internal ClientTelemetry Telemetry => _runtime.Telemetry;

    /// <summary>The client's connection state now.</summary>
    public ConnectionState ConnectionState => _runtime.ConnectionState;

    /// <summary>Sends a message on the current connection.</summary>
    /// <param name="message">What to send (memory borrowed until the task completes).</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">No connection is open.</exception>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        => _runtime.SendAsync(message, null, cancellationToken);

    /// <summary>
    /// Sends the request of <paramref name="command"/>. Refused with <see cref="ConnectionLostException"/> when the
    /// session the command was issued in has ended: a command is never carried over to a new connection.
    /// </summary>
    /// <param name="command">The command the message belongs to.</param>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    public ValueTask SendAsync(ModuleCommand command, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return _runtime.SendAsync(message, command, cancellationToken);
    }

    /// <summary>Writes <paramref name="message"/>'s envelope into a pooled buffer and sends it on the current connection.</summary>
    /// <typeparam name="TMessage">A protocol message type (generated for <c>[ProtocolMessage]</c> types).</typeparam>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">No connection is open.</exception>
    public ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
        => EnvelopeSender.SendAsync(_runtime, message, null, cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> as the request of <paramref name="command"/>: refused with <see cref="ConnectionLostException"/>
    /// when the session the command was issued in has ended.
    /// </summary>
    /// <typeparam name="TMessage">A protocol message type.</typeparam>
    /// <param name="command">The command the message belongs to.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    public ValueTask SendAsync<TMessage>(ModuleCommand command, TMessage message, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
    {
        ArgumentNullException.ThrowIfNull(command);
        return EnvelopeSender.SendAsync(_runtime, message, command, cancellationToken);
    }

    /// <summary>
    /// Reports a routed message whose data did not have the declared shape (a reader returned false): counted in <c>protocol.dropped</c>
    /// with reason <c>unreadable</c>, the module and the message name (capped like every wire name) and logged as a warning without its contents (they may carry session tokens), on the 1st, 2nd, 4th,
    /// 8th… occurrence so a platform that keeps sending an unexpected shape cannot flood the log.
    /// </summary>
    /// <param name="messageName">The message's wire name.</param>
    public void ReportUnreadable(string messageName)
    {
        _runtime.Telemetry.DroppedUnreadable(Name, messageName);
        var count = Interlocked.Increment(ref _unreadable);
        if ((count & (count - 1)) == 0)
        {
            RuntimeLog.UnreadableMessage(Logger, Name, messageName, count);
        }
    }
}
