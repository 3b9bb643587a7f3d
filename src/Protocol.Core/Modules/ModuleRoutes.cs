using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>
/// What a generated module declares it does with each inbound message type, registered once when the client is built
/// into the client's dispatch table (wire name -> reader -> sinks). Every sink but <see cref="OnMessageAsync"/> runs on
/// the receive path with the value read once for all of them, so a command's reply completes where its bytes arrive and
/// never waits behind a queue of ticks. Generated code calls this; you do not need it to declare a platform.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <typeparam name="TModule">The module type.</typeparam>
/// <typeparam name="TApi">The module's API type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModuleRoutes<TState, TModule, TApi>
    where TState : class
    where TModule : class, IModule
    where TApi : class
{
    private static readonly KeyValuePair<string, object?> InboxDropTag = new(ProtocolTelemetry.DropReasonTag, "inbox_full");
    private readonly ModuleContext<TState> _context;
    private readonly ModuleRoute _route;
    private readonly DispatchTableBuilder _table;

    internal ModuleRoutes(ModuleContext<TState> context, TApi api, ModuleRoute route, DispatchTableBuilder table)
    {
        _context = context;
        Api = api;
        _route = route;
        _table = table;
    }

    /// <summary>The module's API (its streams live there).</summary>
    public TApi Api { get; }

    /// <summary>
    /// Runs <paramref name="handler"/> on the receive path for every <typeparamref name="TMessage"/>, before the commands
    /// it completes and the streams it feeds. It must not block; one that throws is logged and the message still reaches
    /// every other sink.
    /// </summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="handler">Called with the module instance, the value and the client's closing token.</param>
    public void OnMessage<TMessage>(Action<TModule, TMessage, CancellationToken> handler)
        where TMessage : IIncomingMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(handler);
        _table.For<TMessage>().Add(new HandlerSink<TMessage>(this, handler));
    }

    /// <summary>
    /// Queues every <typeparamref name="TMessage"/> for <paramref name="handler"/> on the module's own pump (its bounded
    /// inbox, <c>ModuleInboxCapacity</c>): an asynchronous handler never holds up the receive path. When the inbox is full
    /// the message is dropped for this module and counted; a handler that throws crashes the module, which restarts.
    /// </summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="handler">Called with the module instance, the value and the client's closing token.</param>
    public void OnMessageAsync<TMessage>(Func<TModule, TMessage, CancellationToken, ValueTask> handler)
        where TMessage : IIncomingMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(handler);
        _table.For<TMessage>().Add(new PumpSink<TMessage>(this, (module, value, token) => handler((TModule)module, (TMessage)value!, token)));
    }

    /// <summary>Completes the oldest pending <typeparamref name="TCommand"/> that <paramref name="correlate"/> accepts with the message.</summary>
    /// <typeparam name="TCommand">The command type; its result is the message.</typeparam>
    /// <typeparam name="TMessage">The response type.</typeparam>
    /// <param name="correlate">Whether the response answers the command (e.g. the same request id).</param>
    public void CompleteCommand<TCommand, TMessage>(Func<TCommand, TMessage, bool> correlate)
        where TCommand : Command<TMessage>
        where TMessage : IIncomingMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(correlate);
        _table.For<TMessage>().Add(new CompleteSink<TCommand, TMessage>(this, correlate));
    }

    /// <summary>Fails the oldest pending <typeparamref name="TCommand"/> for which <paramref name="failure"/> returns an error.</summary>
    /// <typeparam name="TCommand">The command type.</typeparam>
    /// <typeparam name="TMessage">The failure message type.</typeparam>
    /// <param name="failure">The error for a command this failure belongs to, or null when it belongs to another.</param>
    public void FailCommand<TCommand, TMessage>(Func<TCommand, TMessage, Exception?> failure)
        where TCommand : ModuleCommand
        where TMessage : IIncomingMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(failure);
        _table.For<TMessage>().Add(new FailSink<TCommand, TMessage>(this, failure));
    }

    /// <summary>Publishes every <typeparamref name="TMessage"/> to a stream of the API; each subscriber applies its own slow-consumer policy.</summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="stream">The API's subscription set.</param>
    public void Publish<TMessage>(Func<TApi, SubscriptionSet<TMessage>> stream)
        where TMessage : IIncomingMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(stream);
        _table.For<TMessage>().Add(new StreamSink<TMessage>(this, stream(Api)));
    }

    /// <summary>
    /// Publishes every <typeparamref name="TMessage"/> to a keyed stream of the API: only the subscribers of the
    /// message's key get it (each under its own slow-consumer policy); a message whose key nobody subscribed to is dropped.
    /// </summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <typeparam name="TKey">The stream's key type.</typeparam>
    /// <param name="stream">The API's keyed subscription set.</param>
    public void Publish<TMessage, TKey>(Func<TApi, KeyedSubscriptionSet<TKey, TMessage>> stream)
        where TMessage : IIncomingMessage<TMessage>
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(stream);
        _table.For<TMessage>().Add(new KeyedStreamSink<TMessage, TKey>(this, stream(Api)));
    }

    /// <summary>
    /// Completes the API's registered waits that a <typeparamref name="TMessage"/> matches, on the receive path after the
    /// module's handlers ran (so the state they update is visible when a waiter resumes); every matching wait completes.
    /// </summary>
    /// <typeparam name="TArgument">What a wait is for (e.g. a deal id).</typeparam>
    /// <typeparam name="TMessage">The message waited for.</typeparam>
    /// <param name="waits">The API's wait set.</param>
    public void CompleteWait<TArgument, TMessage>(Func<TApi, InboundWaitSet<TArgument, TMessage>> waits)
        where TMessage : IIncomingMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(waits);
        _table.For<TMessage>().Add(new WaitSink<TArgument, TMessage>(this, waits(Api)));
    }

    private abstract class ModuleSink<TMessage>(ModuleRoutes<TState, TModule, TApi> owner, SinkPhase phase)
        : InboundSink<TMessage>(owner._context.Name, phase)
        where TMessage : IIncomingMessage<TMessage>
    {
        protected ModuleRoutes<TState, TModule, TApi> Owner { get; } = owner;

        protected ModuleContext<TState> Context => Owner._context;

        public override void ReportUnreadable(string wireName) => Context.ReportUnreadable(wireName);

        public override void ReportFailure(Exception error)
        {
            Context.Telemetry.Error("handler");
            RuntimeLog.ModuleSinkFailed(Context.Logger, Context.Name, System.Text.Encoding.UTF8.GetString(TMessage.WireNameUtf8), error);
        }
    }

    private sealed class HandlerSink<TMessage>(ModuleRoutes<TState, TModule, TApi> owner, Action<TModule, TMessage, CancellationToken> handler)
        : ModuleSink<TMessage>(owner, SinkPhase.Handler)
        where TMessage : IIncomingMessage<TMessage>
    {
        public override void Deliver(TMessage value)
        {
            if (Context.Instance is TModule module)
            {
                handler(module, value, Context.ClientClosed);
            }
        }
    }

    private sealed class PumpSink<TMessage>(ModuleRoutes<TState, TModule, TApi> owner, Func<IModule, object?, CancellationToken, ValueTask> work)
        : ModuleSink<TMessage>(owner, SinkPhase.Pump)
        where TMessage : IIncomingMessage<TMessage>
    {
        public override void Deliver(TMessage value)
        {
            var route = Owner._route;
            if (route.Inbox.Writer.TryWrite(new ModuleInput(value, work)))
            {
                return;
            }

            var dropped = route.CountDrop();
            Context.Telemetry.Dropped(InboxDropTag, route.Name);
            if ((dropped & (dropped - 1)) == 0)
            {
                // The 1st, 2nd, 4th, 8th… drop: visible without flooding the log from the receive path.
                RuntimeLog.InboxFull(Context.Logger, route.Name, dropped);
            }
        }
    }

    private sealed class CompleteSink<TCommand, TMessage>(ModuleRoutes<TState, TModule, TApi> owner, Func<TCommand, TMessage, bool> correlate)
        : ModuleSink<TMessage>(owner, SinkPhase.Command)
        where TCommand : Command<TMessage>
        where TMessage : IIncomingMessage<TMessage>
    {
        public override void Deliver(TMessage value)
        {
            if (Context.Commands.TryGetPending(correlate, value, out var command))
            {
                command.TryComplete(value);
            }
        }
    }

    private sealed class FailSink<TCommand, TMessage>(ModuleRoutes<TState, TModule, TApi> owner, Func<TCommand, TMessage, Exception?> failure)
        : ModuleSink<TMessage>(owner, SinkPhase.Command)
        where TCommand : ModuleCommand
        where TMessage : IIncomingMessage<TMessage>
    {
        public override void Deliver(TMessage value) => Context.Commands.TryFailOldest(failure, value);
    }

    private sealed class StreamSink<TMessage>(ModuleRoutes<TState, TModule, TApi> owner, SubscriptionSet<TMessage> stream)
        : ModuleSink<TMessage>(owner, SinkPhase.Stream)
        where TMessage : IIncomingMessage<TMessage>
    {
        public override void Deliver(TMessage value) => stream.Publish(value);
    }

    private sealed class KeyedStreamSink<TMessage, TKey>(ModuleRoutes<TState, TModule, TApi> owner, KeyedSubscriptionSet<TKey, TMessage> stream)
        : ModuleSink<TMessage>(owner, SinkPhase.Stream)
        where TMessage : IIncomingMessage<TMessage>
        where TKey : notnull
    {
        public override void Deliver(TMessage value) => stream.Publish(value);
    }

    private sealed class WaitSink<TArgument, TMessage>(ModuleRoutes<TState, TModule, TApi> owner, InboundWaitSet<TArgument, TMessage> waits)
        : ModuleSink<TMessage>(owner, SinkPhase.Command)
        where TMessage : IIncomingMessage<TMessage>
    {
        public override void Deliver(TMessage value) => waits.Offer(value);
    }
}
