using Microsoft.Extensions.Logging;
using Protocol.Diagnostics;
using Protocol.Messaging;
using Protocol.Middleware;
using Protocol.Modules;

namespace Protocol.Routing;

/// <summary>
/// Routes each inbound message: middleware <c>OnReceive</c>, then every lightweight handler, then every module whose
/// rule matches (all of them, not only the first). Matching modules share one pooled copy of the message, so routing
/// allocates nothing in steady state, and a full inbox drops (and counts) instead of stalling the socket.
/// </summary>
internal sealed class Router<TState>
    where TState : class
{
    private static readonly KeyValuePair<string, object?> InboxDropTag = new("protocol.drop.reason", "inbox_full");

    private readonly TState _state;
    private readonly MiddlewarePipeline<TState> _middleware;
    private readonly (string Name, LightweightHandler<TState> Handler)[] _handlers;
    private readonly ModuleRoute[] _modules;
    private readonly MessageLeasePool _pool;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public Router(
        TState state,
        MiddlewarePipeline<TState> middleware,
        (string Name, LightweightHandler<TState> Handler)[] handlers,
        ModuleRoute[] modules,
        MessageLeasePool pool,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _state = state;
        _middleware = middleware;
        _handlers = handlers;
        _modules = modules;
        _pool = pool;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public IReadOnlyList<ModuleRoute> Modules => _modules;

    public MessageLeasePool Pool => _pool;

    public void Route(MessageView message)
    {
        _middleware.OnReceive(message);

        foreach (var (name, handler) in _handlers)
        {
            try
            {
                handler(message, _state);
            }
            catch (Exception error)
            {
                ProtocolTelemetry.Error("handler");
                RuntimeLog.HandlerFailed(_logger, name, error);
            }
        }

        MessageLease? lease = null;
        foreach (var route in _modules)
        {
            bool matches;
            try
            {
                matches = route.Rule(message);
            }
            catch (Exception error)
            {
                ProtocolTelemetry.Error("rule");
                RuntimeLog.RuleFailed(_logger, route.Name, error);
                matches = false;
            }

            if (!matches)
            {
                continue;
            }

            // Copy once, on the first match; the router holds one reference until every module has its own.
            lease ??= _pool.Rent(message, _timeProvider.GetTimestamp());
            lease.Retain();
            if (!route.Inbox.Writer.TryWrite(new ModuleInput(lease)))
            {
                lease.Release();
                var dropped = route.CountDrop();
                ProtocolTelemetry.Dropped.Add(1, InboxDropTag);
                if ((dropped & (dropped - 1)) == 0)
                {
                    // Log the 1st, 2nd, 4th, 8th… drop: visible without flooding the log from the receive path.
                    RuntimeLog.InboxFull(_logger, route.Name, dropped);
                }
            }
        }

        lease?.Release();
    }
}
