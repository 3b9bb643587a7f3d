using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Protocol.Infrastructure;

namespace Protocol;

/// <summary>
/// Assembles a <see cref="Client{TState}"/>: the transport, endpoints, login, modules, handlers, middleware, on-Ready
/// hooks, periodic sends and options. Registration order is the order of middleware, handlers, hooks and module routing.
/// </summary>
/// <typeparam name="TState">The platform's shared state type.</typeparam>
public sealed class ClientBuilder<TState>
    where TState : class
{
    private readonly TState _state;
    private readonly List<ConnectionEndpoint> _endpoints = [];
    private readonly List<ModuleRegistration> _modules = [];
    private readonly List<(string, LightweightMatcher<TState>)> _handlers = [];
    private readonly List<ClientMiddleware<TState>> _middleware = [];
    private readonly List<(string, ReadyHook<TState>)> _readyHooks = [];
    private readonly List<PeriodicSend<TState>> _periodicSends = [];
    private readonly List<(Type Type, Func<IClientRuntime, object> Create)> _extraApis = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private ConnectionFactory? _connectionFactory;
    private FrameRecorder? _recorder;
    private IPlatformLogin<TState>? _login;
    private ClientOptions _options = new();
    private TimeProvider _timeProvider = TimeProvider.System;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private Random _random = Random.Shared;

    /// <summary>Starts a builder around the platform's state.</summary>
    /// <param name="state">The shared state modules read and update.</param>
    public ClientBuilder(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>Sets the transport: a factory called once per connection attempt.</summary>
    /// <param name="factory">Creates a fresh connection.</param>
    public ClientBuilder<TState> UseConnection(ConnectionFactory factory)
    {
        _connectionFactory = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Adds an endpoint. Endpoints are tried in order, falling over to the next when one fails.</summary>
    /// <param name="endpoint">The endpoint.</param>
    public ClientBuilder<TState> AddEndpoint(ConnectionEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoints.Add(endpoint);
        return this;
    }

    /// <summary>
    /// Orders the endpoints by measured handshake latency before connecting: every endpoint is probed in parallel through the
    /// connection factory (a real transport handshake, timed on the client's clock, then closed), the fastest is tried first
    /// and the unreachable last; the order is measured again only after every endpoint failed in a row. A preferred endpoint
    /// (<see cref="PreferEndpoint"/>) wins. See <see cref="EndpointOrderOptions"/>.
    /// </summary>
    /// <param name="probeTimeout">How long one probe may take; <see cref="EndpointOrderOptions.ProbeTimeout"/> (5 s) when null.</param>
    /// <returns>This builder.</returns>
    public ClientBuilder<TState> OrderEndpointsByLatency(TimeSpan? probeTimeout = null)
    {
        _options.EndpointOrder.ProbeLatency = true;
        if (probeTimeout is { } timeout)
        {
            _options.EndpointOrder.ProbeTimeout = timeout;
        }

        return this;
    }

    /// <summary>
    /// Tries the endpoint named <paramref name="name"/> first and the others after it in the order they were added; nothing
    /// is probed (a user's choice wins over measured latency).
    /// </summary>
    /// <param name="name">An endpoint's <see cref="ConnectionEndpoint.Name"/> (checked by <see cref="Build"/>).</param>
    /// <returns>This builder.</returns>
    public ClientBuilder<TState> PreferEndpoint(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _options.EndpointOrder.PreferredEndpoint = name;
        return this;
    }

    /// <summary>Sets what Ready means: the platform's login exchange. Without one, Connected is Ready.</summary>
    /// <param name="login">The login hook.</param>
    public ClientBuilder<TState> UseLogin(IPlatformLogin<TState> login)
    {
        _login = login ?? throw new ArgumentNullException(nameof(login));
        return this;
    }

    /// <summary>
    /// Names the client: every metric and span it records carries the name as <c>protocol.client.name</c> (see
    /// <see cref="ClientOptions.Name"/>). Give each client in a process its own name. Not a secret.
    /// </summary>
    /// <param name="name">1 to 64 characters, e.g. <c>"eu-demo"</c>.</param>
    public ClientBuilder<TState> WithName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _options.Name = name;
        return this;
    }

    /// <summary>
    /// Sets the platform name every metric and span carries as <c>protocol.platform</c> (see <see cref="ClientOptions.Platform"/>).
    /// Platform packages call it; users rarely need to.
    /// </summary>
    /// <param name="platform">1 to 64 characters, e.g. <c>"pocketoption"</c>.</param>
    public ClientBuilder<TState> WithPlatform(string platform)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        _options.Platform = platform;
        return this;
    }

    /// <summary>Adjusts the options (timeouts, reconnect policy, capacities).</summary>
    /// <param name="configure">Changes the defaults.</param>
    public ClientBuilder<TState> Configure(Action<ClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>Replaces the options (including <see cref="ClientOptions.Name"/> and <see cref="ClientOptions.Platform"/>: call
    /// <see cref="WithName"/> after this, not before).</summary>
    /// <param name="options">The options.</param>
    public ClientBuilder<TState> WithOptions(ClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Sets the clock for every delay, timeout and timestamp (a fake one in tests).</summary>
    /// <param name="timeProvider">The clock.</param>
    public ClientBuilder<TState> UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Sets the logger factory.</summary>
    /// <param name="loggerFactory">The factory.</param>
    public ClientBuilder<TState> UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Sets the jitter source (a seeded or scripted one in tests).</summary>
    /// <param name="random">The random source.</param>
    public ClientBuilder<TState> UseRandom(Random random)
    {
        _random = random ?? throw new ArgumentNullException(nameof(random));
        return this;
    }

    /// <summary>Registers an API module through its static definition (what generated modules implement).</summary>
    /// <typeparam name="TModule">The module type.</typeparam>
    /// <typeparam name="TApi">Its API type.</typeparam>
    public ClientBuilder<TState> AddModule<TModule, TApi>()
        where TModule : class, IModule, IApiModuleDefinition<TModule, TState, TApi>
        where TApi : class
    {
        AddApiModule(
            TModule.ModuleName,
            null,
            typeof(TApi),
            TModule.CreateApi,
            static (context, api) => TModule.Create(context, (TApi)api!),
            static (context, api, route, table) => TModule.Routes(new ModuleRoutes<TState, TModule, TApi>(context, (TApi)api!, route, table)));
        return this;
    }

    /// <summary>Registers an API module from delegates.</summary>
    /// <typeparam name="TApi">Its API type (one module per API type).</typeparam>
    /// <param name="name">A unique module name.</param>
    /// <param name="matches">Which messages the module gets (runs on the receive path for every message: keep it cheap).</param>
    /// <param name="createApi">Creates the API once.</param>
    /// <param name="createModule">Creates a module instance (again after each crash).</param>
    public ClientBuilder<TState> AddModule<TApi>(string name, Validator matches, Func<CommandChannel, TApi> createApi, Func<ModuleContext<TState>, TApi, IModule> createModule)
        where TApi : class
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(createApi);
        ArgumentNullException.ThrowIfNull(createModule);
        AddApiModule(name, matches, typeof(TApi), (commands, _) => createApi(commands), (context, api) => createModule(context, (TApi)api!), null);
        return this;
    }

    /// <summary>Registers a lightweight module through its static definition.</summary>
    /// <typeparam name="TModule">The module type.</typeparam>
    public ClientBuilder<TState> AddLightweightModule<TModule>()
        where TModule : class, IModule, ILightweightModuleDefinition<TModule, TState>
        => AddLightweightModule(TModule.ModuleName, Validator.Custom(TModule.Matches, TModule.ModuleName), static context => TModule.Create(context));

    /// <summary>Registers a lightweight module from delegates.</summary>
    /// <param name="name">A unique module name.</param>
    /// <param name="matches">Which messages the module gets (runs on the receive path for every message: keep it cheap).</param>
    /// <param name="createModule">Creates a module instance (again after each crash).</param>
    public ClientBuilder<TState> AddLightweightModule(string name, Validator matches, Func<ModuleContext<TState>, IModule> createModule)
    {
        ArgumentNullException.ThrowIfNull(createModule);
        ArgumentNullException.ThrowIfNull(matches);
        Register(new ModuleRegistration(name, ModuleKind.Lightweight, matches, null, null, (context, _) => createModule(context), null));
        return this;
    }

    /// <summary>Adds a handler that sees every inbound message, synchronously, before the modules.</summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="handler">The handler.</param>
    public ClientBuilder<TState> AddLightweightHandler(string name, LightweightHandler<TState> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add((name, Router<TState>.Claims(handler)));
        return this;
    }

    /// <summary>
    /// Adds a handler that sees every inbound message, synchronously, before the modules, and says whether it matched: a
    /// message nothing declares that such a handler matched (a raw handler's validator) is not counted or logged as an
    /// unknown event. Runs in registration order with the <see cref="AddLightweightHandler"/> handlers.
    /// </summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="matcher">The handler; returns true when it matched the message.</param>
    /// <returns>This builder.</returns>
    public ClientBuilder<TState> AddLightweightMatcher(string name, LightweightMatcher<TState> matcher)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(matcher);
        _handlers.Add((name, matcher));
        return this;
    }

    /// <summary>Adds middleware (hooks run in registration order).</summary>
    /// <param name="middleware">The middleware.</param>
    public ClientBuilder<TState> AddMiddleware(ClientMiddleware<TState> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    // OnReconnect(name, callback) is gone, replaced by OnReady: it ran after Ready was announced (so a command issued on
    // Ready could overtake a re-subscription) and never on the first session (so the same setup had to be written twice).
    // A thin alias would keep the old name with a different moment, which is worse than a compile error pointing here:
    // OnReady with ReadyContext.IsReconnect / Attempt covers every old use.

    /// <summary>
    /// Adds an on-Ready hook: it runs on every session, the first one included, after the login was accepted and before
    /// the client reports Ready, in registration order, each bounded by <see cref="ClientOptions.CallbackTimeout"/>.
    /// A hook that throws or overruns is logged and counted and the session still becomes Ready, unless it called
    /// <see cref="ReadyContext{TState}.FailSession"/> (see <see cref="ReadyHook{TState}"/>).
    /// </summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="hook">The hook.</param>
    public ClientBuilder<TState> OnReady(string name, ReadyHook<TState> hook)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hook);
        _readyHooks.Add((name, hook));
        return this;
    }

    /// <summary>
    /// Sends a message every <paramref name="period"/> while a session is Ready (PocketOption's <c>42["ps"]</c> every 20 s),
    /// on the client's <see cref="TimeProvider"/>: the first send is one period after Ready, none while connecting or
    /// reconnecting, and the timer is gone once the session ends or the client is disposed. Sends go through middleware on
    /// their own task, so they never hold up the receive path; a failed send is logged and tried again on the next tick.
    /// </summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="period">The interval (positive).</param>
    /// <param name="message">Makes the message for each tick; its memory must stay valid until the send completes (a static or fresh array).</param>
    public ClientBuilder<TState> Every(string name, TimeSpan period, Func<TState, OutgoingMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AddPeriodic(name, period, (state, send, ct) => send(message(state), ct));
    }

    /// <summary>
    /// Sends a protocol message (a generated <c>[ProtocolMessage]</c> type, its envelope written into a pooled buffer) every
    /// <paramref name="period"/> while a session is Ready; otherwise as <see cref="Every(string, TimeSpan, Func{TState, OutgoingMessage})"/>.
    /// </summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="name">A name for logs.</param>
    /// <param name="period">The interval (positive).</param>
    /// <param name="message">Makes the message for each tick.</param>
    public ClientBuilder<TState> Every<TMessage>(string name, TimeSpan period, Func<TState, TMessage> message)
        where TMessage : IOutgoingMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        return AddPeriodic(name, period, (state, send, ct) => EnvelopeSender.SendAsync(message(state), static (s, text, c) => s(text, c), send, ct));
    }

    /// <summary>
    /// Records every frame of every session (secrets redacted) with <paramref name="recorder"/>, in the test kit's script
    /// form, so a session met on the real platform can be replayed offline. The recorder is yours: dispose it after the
    /// client to flush what is queued.
    /// </summary>
    /// <param name="recorder">The recorder (e.g. <see cref="FrameRecorder.ToFile"/>).</param>
    /// <returns>This builder.</returns>
    public ClientBuilder<TState> RecordFrames(FrameRecorder recorder)
    {
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        return this;
    }

    /// <summary>Validates the configuration and builds the client (not yet connected: call <c>ConnectAsync</c>).</summary>
    /// <exception cref="InvalidOperationException">No connection factory, no endpoint, or a preferred endpoint no endpoint is named.</exception>
    public Client<TState> Build()
    {
        if (_connectionFactory is null)
        {
            throw new InvalidOperationException("No transport: call UseConnection(...) with a connection factory (e.g. the Socket.IO or JSON WebSocket connection) before Build().");
        }

        if (_endpoints.Count == 0)
        {
            throw new InvalidOperationException("No endpoint: call AddEndpoint(...) at least once before Build().");
        }

        _options.Validate();
        if (_options.EndpointOrder.PreferredEndpoint is { } preferred && !_endpoints.Exists(e => e.Name == preferred))
        {
            throw new InvalidOperationException($"The preferred endpoint '{preferred}' is not one of the endpoints ({string.Join(", ", _endpoints.Select(e => e.Name))}); name one of them (names are case-sensitive) or leave EndpointOrder.PreferredEndpoint null.");
        }

        var factory = _connectionFactory;
        if (_recorder is { } recorder)
        {
            var inner = _connectionFactory;
            factory = () => new RecordingConnection(inner(), recorder);
        }

        var runner = new ClientRunner<TState>(_state, factory, _connectionFactory, [.. _endpoints], _login, [.. _readyHooks], [.. _periodicSends], _options, _timeProvider, _loggerFactory, _random);
        var apis = new Dictionary<Type, object>();
        var routes = new List<ModuleRoute>();
        var supervisors = new List<ModuleSupervisor<TState>>();
        var channels = new List<CommandChannel>();
        var routerLogger = _loggerFactory.CreateLogger("Protocol.Router");
        var unknownFields = new UnknownFields(runner.Telemetry, routerLogger);
        var table = new DispatchTableBuilder(unknownFields);
        foreach (var registration in _modules)
        {
            var inbox = Channel.CreateBounded<ModuleInput>(new BoundedChannelOptions(_options.ModuleInboxCapacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
                AllowSynchronousContinuations = false,
            });
            var route = new ModuleRoute(registration.Name, registration.Kind, registration.Matches, inbox);
            var commands = new CommandChannel(registration.Name, inbox.Writer, runner);
            var api = registration.CreateApi?.Invoke(commands, _state);
            if (api is not null)
            {
                apis.Add(registration.ApiType!, api);
            }

            var context = new ModuleContext<TState>(registration.Name, _state, inbox.Reader, commands, runner);
            var create = registration.CreateModule;
            if (registration.Routes is { } declare)
            {
                // Sinks on the receive path call an instance from the start; the supervisor runs this one first.
                context.Instance = create(context, api);
                declare(context, api, route, table);
            }

            routes.Add(route);
            channels.Add(commands);
            supervisors.Add(new ModuleSupervisor<TState>(route, context, ctx => create(ctx, api), runner, _random));
        }

        foreach (var (type, create) in _extraApis)
        {
            apis.Add(type, create(runner));
        }

        var middlewareContext = new MiddlewareContext<TState>(_state, runner);
        var pipeline = new MiddlewarePipeline<TState>([.. _middleware], middlewareContext, _timeProvider, _options.CallbackTimeout, runner.Telemetry, _loggerFactory.CreateLogger("Protocol.Middleware"));
        // Enough pooled leases for every inbox to be full, so a burst does not fall back to allocating.
        var router = new Router<TState>(_state, pipeline, [.. _handlers], [.. routes], table.Build(), new MessageLeasePool(Math.Clamp(_options.ModuleInboxCapacity * Math.Max(1, routes.Count(r => r.Matches is not null)), 64, 65_536)), _timeProvider, runner.Telemetry, routerLogger, unknownFields);
        runner.Attach(router, pipeline, [.. supervisors], [.. channels]);
        return new Client<TState>(_state, runner, apis);
    }

    // For built-in modules (the raw module) that need an API bound to the runtime but no inbox of their own.
    internal ClientBuilder<TState> AddRuntimeApi<TApi>(Func<IClientRuntime, TApi> create)
        where TApi : class
    {
        if (_modules.Any(m => m.ApiType == typeof(TApi)) || _extraApis.Any(h => h.Type == typeof(TApi)))
        {
            throw new InvalidOperationException($"An API of type '{typeof(TApi).Name}' is already registered.");
        }

        _extraApis.Add((typeof(TApi), runtime => create(runtime)));
        return this;
    }

    private ClientBuilder<TState> AddPeriodic(string name, TimeSpan period, Func<TState, Func<OutgoingMessage, CancellationToken, ValueTask>, CancellationToken, ValueTask> send)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (period <= TimeSpan.Zero || period == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period of a periodic send must be positive and finite.");
        }

        _periodicSends.Add(new PeriodicSend<TState>(name, period, send));
        return this;
    }

    private void AddApiModule(
        string name,
        Validator? matches,
        Type apiType,
        Func<CommandChannel, TState, object> createApi,
        Func<ModuleContext<TState>, object?, IModule> createModule,
        Action<ModuleContext<TState>, object?, ModuleRoute, DispatchTableBuilder>? routes)
    {
        if (_modules.Any(m => m.ApiType == apiType) || _extraApis.Any(h => h.Type == apiType))
        {
            throw new InvalidOperationException($"A module with api type '{apiType.Name}' is already registered; each api type belongs to one module.");
        }

        Register(new ModuleRegistration(name, ModuleKind.Api, matches, apiType, createApi, createModule, routes));
    }

    private void Register(ModuleRegistration registration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Name);
        if (!_names.Add(registration.Name))
        {
            throw new InvalidOperationException($"A module named '{registration.Name}' is already registered; module names must be unique.");
        }

        _modules.Add(registration);
    }

    private sealed record ModuleRegistration(
        string Name,
        ModuleKind Kind,
        Validator? Matches,
        Type? ApiType,
        Func<CommandChannel, TState, object>? CreateApi,
        Func<ModuleContext<TState>, object?, IModule> CreateModule,
        Action<ModuleContext<TState>, object?, ModuleRoute, DispatchTableBuilder>? Routes);
}
