using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Protocol.Commands;
using Protocol.Connections;
using Protocol.Runner;

namespace Protocol.Modules;

/// <summary>What a module instance gets from the runtime. One context per registration, shared by restarted instances.</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class ModuleContext<TState>
    where TState : class
{
    private readonly IClientRuntime _runtime;

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

    /// <summary>Messages the router delivered (release each lease once) and commands from the handle.</summary>
    public ChannelReader<ModuleInput> Inbox { get; }

    /// <summary>The module's command channel: find pending commands to answer them.</summary>
    public CommandChannel Commands { get; }

    /// <summary>The client's clock; use it for every delay and timestamp.</summary>
    public TimeProvider TimeProvider => _runtime.TimeProvider;

    /// <summary>A logger named after the module.</summary>
    public ILogger Logger { get; }

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
}
