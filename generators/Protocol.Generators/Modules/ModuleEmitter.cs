using System.Collections.Generic;
using System.Linq;
using System.Security;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Modules;

/// <summary>Writes one file per module: the module's partial (definition, routing, dispatch, command classes), its API and its registration.</summary>
internal static class ModuleEmitter
{
    private const string Api = "global::Protocol.";
    private const string Infra = "global::Protocol.Infrastructure.";
    private const string Outgoing = "global::Protocol.IOutgoingMessage";
    private const string Token = "global::System.Threading.CancellationToken";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static string Emit(ModuleModel m)
    {
        var w = new SourceWriter();
        w.Header();
        var module = m.Module.FullName;
        var api = ApiFullName(m);
        _ = m.Module.Open(w, $"{Api}ApiModule<{m.StateType}, {api}>, {Infra}IApiModuleDefinition<{module}, {m.StateType}, {api}>");
        EmitDefinition(w, m, module, api);
        w.Line();
        EmitRoutes(w, m, module, api);
        EmitFactories(w, m, module);
        EmitLifecycle(w, m, module);
        foreach (var c in m.Commands)
        {
            w.Line();
            var result = c.Response?.Type ?? "bool";
            w.Line($"/// <summary>The <c>{Xml(c.Name)}</c> command: sends <c>{Xml(c.Request.WireName)}</c>{(c.Response is null ? " and completes once it is on the wire" : "")}.</summary>");
            w.Open($"internal sealed class {c.Name}Command : {Infra}RequestCommand<{c.Request.Type}, {result}>");
            w.Line($"internal {c.Name}Command({c.Request.Type} request)");
            w.Line($"    : base({Names.Literal(c.Name)}, request{(c.Response is null ? ", true" : "")})");
            w.Open();
            w.Close();
            w.Close();
        }

        w.Close();
        EmitApi(w, m, module);
        TypeDecl.Close(w, m.Module.Containers.Count);
        EmitRegistration(w, m, module, api);
        return w.ToString();
    }

    private static void EmitDefinition(SourceWriter w, ModuleModel m, string module, string api)
    {
        var context = $"{Api}ModuleContext<{m.StateType}>";
        w.Line("/// <summary>Creates an instance; the runtime does, through <see cref=\"Create\"/>.</summary>");
        w.Line("/// <param name=\"context\">The registration's context.</param>");
        w.Line("/// <param name=\"api\">The registration's API.</param>");
        w.Line($"private {m.Module.Name}({context} context, {api} api)");
        w.Line("    : base(context, api)");
        w.Open();
        w.Close();
        w.Line();
        w.Line($"/// <summary>The module's name, <c>{Xml(m.ModuleName)}</c>.</summary>");
        w.Line($"public static string ModuleName => {Names.Literal(m.ModuleName)};");
        w.Line();
        w.Line("/// <summary>Creates the API, once per client.</summary>");
        w.Line("/// <param name=\"commands\">The module's command channel.</param>");
        w.Line("/// <param name=\"state\">The client's state.</param>");
        w.Line("/// <returns>The API.</returns>");
        w.Line($"public static {api} CreateApi({Api}CommandChannel commands, {m.StateType} state) => new(commands, state);");
        w.Line();
        w.Line("/// <summary>Creates an instance, on start and after every crash.</summary>");
        w.Line("/// <param name=\"context\">The registration's context.</param>");
        w.Line("/// <param name=\"api\">The registration's API.</param>");
        w.Line("/// <returns>The instance.</returns>");
        w.Line($"public static {module} Create({context} context, {api} api) => new(context, api);");
    }

    // One declaration per sink: the client's dispatch table reads each message once and hands the value to all of them on
    // the receive path (handlers, then command replies and failures, then streams); async handlers go to the module's pump.
    private static void EmitRoutes(SourceWriter w, ModuleModel m, string module, string api)
    {
        var inbound = Inbound(m).ToList();
        var summary = inbound.Count == 0 ? "none" : string.Join(", ", inbound.Select(i => "<c>" + Xml(i.WireName) + "</c>"));
        w.Line($"/// <summary>Declares what the module does with each message it reads: {summary}.</summary>");
        w.Line("/// <param name=\"routes\">Where to declare them.</param>");
        w.Open($"public static void Routes({Infra}ModuleRoutes<{m.StateType}, {module}, {api}> routes)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(routes);");
        foreach (var h in m.Handlers)
        {
            var target = (h.IsStatic ? module : "module") + "." + Names.Identifier(h.Method);
            var call = $"{target}(value{(h.TakesToken ? ", cancellationToken" : "")})";
            if (h.IsAsync)
            {
                var body = h.IsTask ? $"new {ValueTask}({call})" : call;
                w.Line($"routes.OnMessageAsync<{h.Message.Type}>(static (module, value, cancellationToken) => {body});");
            }
            else
            {
                w.Line($"routes.OnMessage<{h.Message.Type}>(static (module, value, cancellationToken) => {call});");
            }
        }

        foreach (var c in m.Commands)
        {
            if (c.Response is { } response)
            {
                w.Line($"routes.CompleteCommand<{c.Name}Command, {response.Type}>(static (command, response) => {module}.{Names.Identifier(c.Correlation!)}(command.Request, response));");
            }

            foreach (var f in c.Failures)
            {
                var reason = $"{module}.{Names.Identifier(f.Method)}(command.Request, failure)";
                w.Line(f.ReturnsException
                    ? $"routes.FailCommand<{c.Name}Command, {f.Message.Type}>(static (command, failure) => {reason});"
                    : $"routes.FailCommand<{c.Name}Command, {f.Message.Type}>(static (command, failure) => {reason} is {{ }} reason ? new {Api}CommandRejectedException(command.CommandName, reason) : null);");
            }
        }

        foreach (var s in m.Streams)
        {
            w.Line($"routes.Publish<{s.Message.Type}>(static api => api.{Names.Identifier(s.Name)});");
        }

        foreach (var k in m.KeyedStreams)
        {
            w.Line($"routes.Publish<{k.Message.Type}, {k.KeyType}>(static api => api.{Names.Identifier(k.Name)});");
        }

        foreach (var x in m.Waits)
        {
            w.Line($"routes.CompleteWait<{x.ArgumentType}, {x.Message.Type}>(static api => api.{x.Method}Waits);");
        }

        w.Close();
    }

    // The keyed streams' and waits' sets are built here, in the module, because their selector, start, stop and predicate
    // methods are the module's own (usually private) members; the API calls these once, in its constructor.
    private static void EmitFactories(SourceWriter w, ModuleModel m, string module)
    {
        const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
        foreach (var k in m.KeyedStreams)
        {
            var set = $"{Infra}KeyedSubscriptionSet<{k.KeyType}, {k.Message.Type}>";
            var starts = string.Join(", ", k.Starts.Select(start => Builds(start, module)));
            var stop = k.Stop is null ? "null" : Builds(k.Stop, module);
            w.Line();
            w.Line($"/// <summary>Creates the <c>{Xml(k.Name)}</c> keyed stream of an API: key selector <c>{Xml(k.Selector)}</c>, {k.Starts.Count} start message(s), {(k.Stop is null ? "no stop message" : "stop message <c>" + Xml(k.Stop.Method) + "</c>")}.</summary>");
            w.Line("/// <param name=\"commands\">The module's command channel.</param>");
            w.Line("/// <param name=\"state\">The client's state, for the start and stop messages that take it.</param>");
            w.Line("/// <returns>The stream's subscribers.</returns>");
            w.Line(Hidden);
            w.Line($"internal static {set} Create{k.Name}Stream({Api}CommandChannel commands, {m.StateType} state) => new(");
            w.Line("    commands,");
            w.Line($"    {Names.Literal(k.Name)},");
            w.Line($"    static message => {module}.{Names.Identifier(k.Selector)}(message){(k.KeyNullable ? "!" : "")},");
            w.Line(k.Starts.Count == 0
                ? $"    global::System.Array.Empty<global::System.Func<{k.KeyType}, {Outgoing}>>(),"
                : $"    new global::System.Func<{k.KeyType}, {Outgoing}>[] {{ {starts} }},");
            w.Line($"    {stop}{(k.Comparer is null ? "" : $", {module}.{Names.Identifier(k.Comparer)}")});");
        }

        foreach (var x in m.Waits)
        {
            w.Line();
            w.Line($"/// <summary>Creates the <c>{Xml(x.Method)}</c> waits of an API.</summary>");
            w.Line("/// <param name=\"commands\">The module's command channel.</param>");
            w.Line("/// <returns>The registered waits.</returns>");
            w.Line(Hidden);
            w.Line($"internal static {Infra}InboundWaitSet<{x.ArgumentType}, {x.Message.Type}> Create{x.Method}Waits({Api}CommandChannel commands) =>");
            w.Line($"    new(commands, {Names.Literal(x.Method)}, static (argument, message) => {module}.{Names.Identifier(x.Method)}(argument, message));");
        }
    }

    // A start or stop message builder; one that takes the state captures it, so each client allocates its delegate once and the
    // message is built from the state as it is when sent (a replay after a re-login sees the new session).
    private static string Builds(StreamMessageModel message, string module) => message.TakesState
        ? $"key => {module}.{Names.Identifier(message.Method)}(key, state)"
        : $"static key => {module}.{Names.Identifier(message.Method)}(key)";

    // The [ModuleOnReady] hooks and [ModulePeriodic] sends are the module's own (usually private) static members, so their
    // registration lives in the module; AddXxx() calls it. Not emitted for a module that has neither.
    private static void EmitLifecycle(SourceWriter w, ModuleModel m, string module)
    {
        if (m.ReadyHooks.Count == 0 && m.Periodics.Count == 0)
        {
            return;
        }

        w.Line();
        w.Line("/// <summary>Registers the module's on-Ready hooks and periodic sends on a client builder (its <c>Add…()</c> extension does).</summary>");
        w.Line("/// <param name=\"builder\">The client builder.</param>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal static void RegisterLifecycle(global::Protocol.ClientBuilder<{m.StateType}> builder)");
        foreach (var h in m.ReadyHooks)
        {
            var call = $"{module}.{Names.Identifier(h.Method)}(context, cancellationToken)";
            w.Line($"builder.OnReady({Names.Literal(m.ModuleName + "." + h.Method)}, static (context, cancellationToken) => {(h.IsTask ? $"new {ValueTask}({call})" : call)});");
        }

        foreach (var p in m.Periodics)
        {
            w.Line($"builder.Every<{p.Message.Type}>({Names.Literal(m.ModuleName + "." + p.Method)}, global::System.TimeSpan.FromSeconds({p.Seconds}), static state => {module}.{Names.Identifier(p.Method)}({(p.TakesState ? "state" : "")}));");
        }

        w.Close();
    }

    private static void EmitApi(SourceWriter w, ModuleModel m, string module)
    {
        w.Line();
        w.Line($"/// <summary>The API of the <c>{Xml(m.ModuleName)}</c> module (<see cref=\"{module}\"/>): get it with <c>client.GetApi&lt;{m.ApiName}&gt;()</c>. Partial: add your own members.</summary>");
        w.Open($"{m.Accessibility} sealed partial class {m.ApiName}");
        w.Line($"private readonly {Api}CommandChannel _commands;");
        w.Line();
        w.Line($"internal {m.ApiName}({Api}CommandChannel commands, {m.StateType} state)");
        w.Open();
        w.Line("_commands = commands ?? throw new global::System.ArgumentNullException(nameof(commands));");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(state);");
        foreach (var s in m.Streams)
        {
            w.Line($"{Names.Identifier(s.Name)} = new {Infra}SubscriptionSet<{s.Message.Type}>(commands);");
        }

        foreach (var k in m.KeyedStreams)
        {
            w.Line($"{Names.Identifier(k.Name)} = {module}.Create{k.Name}Stream(commands, state);");
        }

        foreach (var x in m.Waits)
        {
            w.Line($"{x.Method}Waits = {module}.Create{x.Method}Waits(commands);");
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>How many commands are issued and not yet answered.</summary>");
        w.Line("public int PendingCommands => _commands.PendingCount;");
        foreach (var s in m.Streams)
        {
            w.Line();
            w.Line($"/// <summary>The subscribers of the <c>{s.Name}</c> stream; the module publishes every <c>{Xml(s.Message.WireName)}</c> here.</summary>");
            w.Line($"internal {Infra}SubscriptionSet<{s.Message.Type}> {Names.Identifier(s.Name)} {{ get; }}");
            w.Line();
            w.Line($"/// <summary>Subscribes to every <c>{Xml(s.Message.WireName)}</c> message, from now until the subscription or the client is disposed.</summary>");
            w.Line("/// <param name=\"options\">Capacity and slow-consumer policy; the defaults when null.</param>");
            w.Line("/// <returns>A subscription to read with <c>await foreach</c>; dispose it to stop.</returns>");
            w.Line($"public {Api}Subscription<{s.Message.Type}> Subscribe{s.Name}({Api}SubscriptionOptions? options = null) => {Names.Identifier(s.Name)}.Subscribe(options);");
        }

        foreach (var k in m.KeyedStreams)
        {
            var item = $"{Api}Subscription<{k.Message.Type}>";
            w.Line();
            w.Line($"/// <summary>The subscribers of the <c>{Xml(k.Name)}</c> keyed stream, by key; the module publishes every <c>{Xml(k.Message.WireName)}</c> here.</summary>");
            w.Line($"internal {Infra}KeyedSubscriptionSet<{k.KeyType}, {k.Message.Type}> {Names.Identifier(k.Name)} {{ get; }}");
            w.Line();
            w.Line($"/// <summary>");
            w.Line($"/// Subscribes to the <c>{Xml(k.Message.WireName)}</c> messages of <paramref name=\"key\"/>. The key's first subscriber sends its start message(s) when the client is Ready");
            w.Line("/// (otherwise they go out after the next login); they are sent again after every reconnect, before Ready, so the enumeration goes on");
            w.Line("/// (see <c>ResumeCount</c> and <c>Resumed</c> on the subscription for the gap).");
            w.Line("/// </summary>");
            w.Line(k.Comparer is null
                ? "/// <param name=\"key\">The key (compared with its type's default equality; strings: ordinal).</param>"
                : $"/// <param name=\"key\">The key (compared with the module's <c>{Xml(k.Comparer)}</c>).</param>");
            w.Line("/// <param name=\"options\">Capacity and slow-consumer policy; the defaults when null.</param>");
            w.Line("/// <param name=\"cancellationToken\">Abandons the subscribe.</param>");
            w.Line("/// <returns>A subscription to read with <c>await foreach</c>; dispose it to stop.</returns>");
            w.Line($"/// <exception cref=\"{Api}SubscriptionStartException\">The start messages could not be built or sent; nothing stays subscribed.</exception>");
            w.Line($"public global::System.Threading.Tasks.Task<{item}> Subscribe{k.Name}Async({k.KeyType} key, {Api}SubscriptionOptions? options = null, {Token} cancellationToken = default) =>");
            w.Line($"    {Names.Identifier(k.Name)}.SubscribeAsync(key, options, cancellationToken);");
        }

        foreach (var x in m.Waits)
        {
            var argument = Names.Identifier(x.ArgumentName);
            w.Line();
            w.Line($"/// <summary>The registered waits of <c>{Xml(x.Method)}</c>; the module offers every <c>{Xml(x.Message.WireName)}</c> to them.</summary>");
            w.Line($"internal {Infra}InboundWaitSet<{x.ArgumentType}, {x.Message.Type}> {x.Method}Waits {{ get; }}");
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// Registers a wait for the <c>{Xml(x.Message.WireName)}</c> that <c>{Xml(x.Method)}</c> accepts for <paramref name=\"{Xml(x.ArgumentName)}\"/>, now: call it before reading the state,");
            w.Line("/// then await <c>WaitAsync</c>, and the event cannot slip in between. A lost connection fails it with <c>ConnectionLostException</c>.");
            w.Line("/// </summary>");
            w.Line($"/// <param name=\"{Xml(x.ArgumentName)}\">What to wait for.</param>");
            w.Line("/// <returns>The registered wait; dispose it when done.</returns>");
            w.Line("/// <exception cref=\"global::Protocol.NotReadyException\">The client is not Ready.</exception>");
            w.Line("/// <exception cref=\"global::Protocol.ClientClosedException\">The client is closed.</exception>");
            w.Line($"public {Api}InboundWait<{x.Message.Type}> Wait{x.Method}({x.ArgumentType} {argument}) => {x.Method}Waits.Register({argument});");
        }

        foreach (var c in m.Commands)
        {
            w.Line();
            var parameter = c.Response is null ? "message" : "request";
            if (c.Response is { } response)
            {
                w.Line($"/// <summary>Sends <c>{Xml(c.Request.WireName)}</c> and waits for the <c>{Xml(response.WireName)}</c> that answers it. Never re-sent automatically.</summary>");
            }
            else
            {
                w.Line($"/// <summary>Sends <c>{Xml(c.Request.WireName)}</c> on the current session; completes once it is on the wire. Never re-sent automatically.</summary>");
            }

            w.Line($"/// <param name=\"{parameter}\">The message to send.</param>");
            w.Line("/// <param name=\"timeout\">The bound on the whole call; the client's <c>CommandTimeout</c> when null.</param>");
            w.Line("/// <param name=\"cancellationToken\">Abandons the call.</param>");
            w.Line(c.Response is null ? "/// <returns>Completes when sent.</returns>" : "/// <returns>The answer.</returns>");
            w.Line($"/// <exception cref=\"{Api}CommandTimeoutException\">No outcome within the timeout; the request may still have reached the platform.</exception>");
            if (c.Failures.Count != 0)
            {
                w.Line($"/// <exception cref=\"{Api}CommandRejectedException\">The platform answered with a failure.</exception>");
            }

            w.Line("/// <exception cref=\"global::Protocol.NotReadyException\">The client is not Ready.</exception>");
            w.Line("/// <exception cref=\"global::Protocol.ConnectionLostException\">The connection dropped first.</exception>");
            var returns = c.Response is { } r ? $"global::System.Threading.Tasks.Task<{r.Type}>" : "global::System.Threading.Tasks.Task";
            w.Line($"public {returns} {c.Name}Async({c.Request.Type} {parameter}, global::System.TimeSpan? timeout = null, {Token} cancellationToken = default) =>");
            w.Line($"    _commands.ExecuteAsync(new {module}.{c.Name}Command({parameter}), timeout, cancellationToken);");
        }

        w.Close();
    }

    private static void EmitRegistration(SourceWriter w, ModuleModel m, string module, string api)
    {
        w.Line();
        w.Line($"/// <summary>Registers <see cref=\"{module}\"/> on a client builder.</summary>");
        w.Open($"{m.Accessibility} static class {m.Module.Name}Registration");
        w.Line($"/// <summary>Adds the <c>{Xml(m.ModuleName)}</c> module; its API is <see cref=\"{api}\"/>.</summary>");
        w.Line("/// <param name=\"builder\">The client builder.</param>");
        w.Line("/// <returns>The builder.</returns>");
        w.Line($"public static global::Protocol.ClientBuilder<{m.StateType}> Add{m.Module.Name}(this global::Protocol.ClientBuilder<{m.StateType}> builder)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(builder);");
        if (m.ReadyHooks.Count == 0 && m.Periodics.Count == 0)
        {
            w.Line($"return builder.AddModule<{module}, {api}>();");
        }
        else
        {
            w.Line($"builder.AddModule<{module}, {api}>();");
            w.Line($"{module}.RegisterLifecycle(builder);");
            w.Line("return builder;");
        }
        w.Close();
        w.Close();
        if (m.Module.Namespace.Length != 0)
        {
            w.Close();
        }
    }

    // Every inbound message type the module reads, once each, in declaration order: handlers, responses, failures, streams, waits.
    private static IEnumerable<MessageRef> Inbound(ModuleModel m) =>
        m.Handlers.Select(h => h.Message)
            .Concat(m.Commands.Where(c => c.Response is not null).Select(c => c.Response!))
            .Concat(m.Commands.SelectMany(c => c.Failures).Select(f => f.Message))
            .Concat(m.Streams.Select(s => s.Message))
            .Concat(m.KeyedStreams.Select(k => k.Message))
            .Concat(m.Waits.Select(x => x.Message))
            .GroupBy(r => r.Type)
            .Select(g => g.First());

    private static string ApiFullName(ModuleModel m)
    {
        var prefix = m.Module.FullName.Substring(0, m.Module.FullName.Length - m.Module.Name.Length);
        return prefix + m.ApiName;
    }

    private static string Xml(string text) => SecurityElement.Escape(text);
}
