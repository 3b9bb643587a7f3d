using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Protocol.Infrastructure;

namespace Protocol;

/// <summary>
/// Routes each inbound message on the receive path: middleware <c>OnReceive</c>, then every lightweight handler, then
/// the dispatch table (the message's wire name finds its types, each read once, and their sinks: handlers, command
/// matchers, streams), then every module registered with a rule of its own that matches. Rule modules share one pooled
/// copy of the message, so routing allocates nothing in steady state, and a full inbox drops (and counts) instead of
/// stalling the socket.
/// </summary>
internal sealed class Router<TState>
    where TState : class
{
    private static readonly KeyValuePair<string, object?> InboxDropTag = new(ProtocolTelemetry.DropReasonTag, "inbox_full");

    private readonly TState _state;
    private readonly MiddlewarePipeline<TState> _middleware;
    private readonly (string Name, LightweightMatcher<TState> Handler)[] _handlers;
    private readonly ModuleRoute[] _modules;
    private readonly ModuleRoute[] _ruleModules;
    private readonly bool _runsValidators;
    private readonly DispatchTable _table;
    private readonly MessageLeasePool _pool;
    private readonly TimeProvider _timeProvider;
    private readonly ClientTelemetry _telemetry;
    private readonly ILogger _logger;
    // Per capped name tag (at most the tag limit plus "other"), a counter of its own: a sighting after the first is a lock-free
    // lookup and one increment, where AddOrUpdate took the dictionary's bucket lock on every unknown message.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox<long>> _unknown = new(StringComparer.Ordinal);
    private readonly UnknownFields _unknownFields;

    public Router(
        TState state,
        MiddlewarePipeline<TState> middleware,
        (string Name, LightweightHandler<TState> Handler)[] handlers,
        ModuleRoute[] modules,
        DispatchTable table,
        MessageLeasePool pool,
        TimeProvider timeProvider,
        ClientTelemetry telemetry,
        ILogger logger,
        UnknownFields? unknownFields = null)
        : this(state, middleware, [.. handlers.Select(h => (h.Name, Claims(h.Handler)))], modules, table, pool, timeProvider, telemetry, logger, unknownFields)
    {
    }

    public Router(
        TState state,
        MiddlewarePipeline<TState> middleware,
        (string Name, LightweightMatcher<TState> Handler)[] handlers,
        ModuleRoute[] modules,
        DispatchTable table,
        MessageLeasePool pool,
        TimeProvider timeProvider,
        ClientTelemetry telemetry,
        ILogger logger,
        UnknownFields? unknownFields = null)
    {
        _state = state;
        _middleware = middleware;
        _handlers = handlers;
        _modules = modules;
        _ruleModules = [.. modules.Where(m => m.Matches is not null)];
        _runsValidators = _ruleModules.Length > 0 || handlers.Length > 0 || !middleware.IsEmpty;
        _table = table;
        _pool = pool;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger;
        _unknownFields = unknownFields ?? new UnknownFields(telemetry, logger);
    }

    public IReadOnlyList<ModuleRoute> Modules => _modules;

    public MessageLeasePool Pool => _pool;

    public ClientTelemetry Telemetry => _telemetry;

    // A handler that cannot say whether it matched never takes a message away from the unknown-event report.
    public static LightweightMatcher<TState> Claims(LightweightHandler<TState> handler) => (message, state) =>
    {
        handler(message, state);
        return false;
    };

    public void Route(in MessageView message)
    {
        // Validators in rules have no client of their own: they record against the one routing on this thread. A client
        // with no rule module, lightweight handler or middleware runs no validator here, so it skips the thread-static
        // scope (two thread-local accesses per message, a measurable part of a tick's routing) and routes by the table alone.
        if (!_runsValidators)
        {
            RouteDeclared(message);
            return;
        }

        var previous = ClientTelemetry.Enter(_telemetry);
        try
        {
            RouteCore(message);
        }
        finally
        {
            ClientTelemetry.Exit(previous);
        }
    }

    // A client whose modules only declare what they read (no middleware, lightweight handler or rule module: the usual
    // platform client) routes by the table alone. A method of its own, so the tick's path does not pay for what it has none
    // of: the empty loops, the lease and a frame twice the size to clear on every message.
    private void RouteDeclared(in MessageView message)
    {
        if (!_table.Dispatch(message) && IsNamed(message))
        {
            ReportUnknown(message.Name);
        }
    }

    // Only a named event or action can be protocol drift; replies and control messages have no name to report.
    private static bool IsNamed(in MessageView message) => message.Kind is MessageKind.Event or MessageKind.Action && !message.Name.IsEmpty;

    private void RouteCore(in MessageView message)
    {
        _middleware.OnReceive(in message);

        var claimed = false;
        foreach (var (name, handler) in _handlers)
        {
            try
            {
                claimed |= handler(message, _state);
            }
            catch (Exception error)
            {
                _telemetry.Error("handler");
                RuntimeLog.HandlerFailed(_logger, name, error);
            }
        }

        var declared = _table.Dispatch(message);

        MessageLease? lease = null;
        foreach (var route in _ruleModules)
        {
            bool matches;
            try
            {
                matches = route.Matches!.IsMatch(message);
            }
            catch (Exception error)
            {
                _telemetry.Error("rule");
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
                _telemetry.Dropped(InboxDropTag, route.Name);
                if ((dropped & (dropped - 1)) == 0)
                {
                    // Log the 1st, 2nd, 4th, 8th… drop: visible without flooding the log from the receive path.
                    RuntimeLog.InboxFull(_logger, route.Name, dropped);
                }
            }
        }

        if (!declared && lease is null && !claimed && IsNamed(message))
        {
            ReportUnknown(message.Name);
        }

        lease?.Release();
    }

    // Nothing declared this name, no rule module and no matching lightweight handler (a raw handler) took it: protocol drift (a new event, a renamed one). Counted per name
    // (names capped like every wire-name tag, so the map holds at most the cap plus "other") and logged on the 1st, 2nd, 4th,
    // 8th… sighting of each name: visible without flooding the log from the receive path.
    private void ReportUnknown(ReadOnlySpan<byte> name)
    {
        var tag = _telemetry.DroppedUnknown(name);
        var count = Interlocked.Increment(ref _unknown.GetOrAdd(tag, static _ => new StrongBox<long>()).Value);
        if ((count & (count - 1)) == 0)
        {
            RuntimeLog.UnknownMessage(_logger, tag, count);
        }
    }

    // How many messages of each undeclared name arrived (capped names; "other" past the cap).
    public long UnknownCount(string name) => _unknown.TryGetValue(name, out var count) ? Interlocked.Read(ref count.Value) : 0;

    // How many times a declared message (by its declared wire name) carried a field its declaration does not have (capped
    // field names; "other" past the cap). Counted by the dispatch table's readers (UnknownFields), queried here beside events.
    public long UnknownFieldCount(string message, string field) => _unknownFields.Count(message, field);
}
