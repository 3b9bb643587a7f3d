namespace Protocol;

/// <summary>
/// Marks a <c>partial</c> class as an API module of a client whose state is <see cref="State"/>. The generator makes it an
/// <see cref="ApiModule{TState, TApi}"/> and adds, from the members marked <see cref="ModuleCommandAttribute"/>,
/// <see cref="ModuleCommandFailureAttribute"/>, <see cref="ModuleHandlerAttribute"/>, <see cref="ModuleKeyedStreamAttribute"/> (with its
/// <see cref="ModuleStreamStartAttribute"/> and <see cref="ModuleStreamStopAttribute"/>), <see cref="ModuleWaitAttribute"/>,
/// <see cref="ModuleOnReadyAttribute"/> and <see cref="ModulePeriodicAttribute"/> and the
/// class's <see cref="ModuleSendAttribute"/> and <see cref="ModuleStreamAttribute"/>: the routing rule, the command and response plumbing,
/// a <c>partial</c> API class with one method per command, per stream and per wait, and an <c>AddXxx()</c> extension on <c>ClientBuilder&lt;TState&gt;</c> that registers it.
/// </summary>
/// <example>
/// <code>
/// [ProtocolModule("trades", typeof(MyState))]
/// [ModuleStream(typeof(UpdateStream), "Ticks")]
/// public sealed partial class TradesModule
/// {
///     [ModuleCommand] // API: Task&lt;SuccessOpenOrder&gt; OpenOrderAsync(OpenOrder request, …)
///     private static bool OpenOrder(OpenOrder request, SuccessOpenOrder response) =&gt; response.Deal.RequestId == request.RequestId;
///
///     [ModuleCommandFailure(nameof(OpenOrder))] // the oldest pending order on the same asset and amount fails with the reason
///     private static string? OpenOrderFailed(OpenOrder request, FailOpenOrder failure) =&gt;
///         failure.Asset == request.Asset &amp;&amp; failure.Amount == request.Amount ? failure.Error : null;
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProtocolModuleAttribute : Attribute
{
    /// <summary>Declares the module.</summary>
    /// <param name="name">The module's unique name (logs, metrics, errors).</param>
    /// <param name="state">The client's state type (the <c>TState</c> of <c>ClientBuilder&lt;TState&gt;</c>).</param>
    public ProtocolModuleAttribute(string name, Type state)
    {
        Name = name;
        State = state;
    }

    /// <summary>The module's unique name.</summary>
    public string Name { get; }

    /// <summary>The client's state type.</summary>
    public Type State { get; }

    /// <summary>The generated API's name (default: the class name without <c>Module</c>, plus <c>Api</c>).</summary>
    public string? Api { get; set; }
}

/// <summary>
/// Declares a request/response command on a <see cref="ProtocolModuleAttribute"/> class. The method is the correlation:
/// <c>static bool Name(TRequest request, TResponse response)</c>, both <c>[ProtocolMessage]</c> types, returns whether
/// <c>response</c> answers <c>request</c>. The API gets <c>Task&lt;TResponse&gt; NameAsync(TRequest request, TimeSpan? timeout, CancellationToken)</c>,
/// which sends the request and completes with the first response the method accepts (oldest pending command first).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleCommandAttribute : Attribute
{
}

/// <summary>
/// Declares a failure answer of a command: <c>static string? Name(TRequest request, TFailure failure)</c> (or returning an
/// <see cref="Exception"/>). For an inbound <c>TFailure</c>, the oldest pending command for which it returns non-null fails: with
/// <see cref="CommandRejectedException"/> carrying the returned reason, or with the returned exception.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleCommandFailureAttribute : Attribute
{
    /// <summary>Declares the failure.</summary>
    /// <param name="command">The <see cref="ModuleCommandAttribute"/> method it belongs to (use <c>nameof</c>).</param>
    public ModuleCommandFailureAttribute(string command) => Command = command;

    /// <summary>The command's method name.</summary>
    public string Command { get; }
}

/// <summary>
/// Declares a fire-and-forget command: the API gets <c>Task NameAsync(TMessage message, TimeSpan? timeout, CancellationToken)</c>,
/// which completes once the message is on the wire of the current session (never re-sent on a later one).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ModuleSendAttribute : Attribute
{
    /// <summary>Declares the send.</summary>
    /// <param name="message">A <c>[ProtocolMessage]</c> type.</param>
    public ModuleSendAttribute(Type message) => Message = message;

    /// <summary>The message type.</summary>
    public Type Message { get; }

    /// <summary>The API method's name without <c>Async</c> (default: the message type's name).</summary>
    public string? Name { get; set; }
}

/// <summary>
/// Declares a stream: every inbound <c>TMessage</c> is published to the API's subscribers. The API gets
/// <c>Subscription&lt;TMessage&gt; SubscribeName(SubscriptionOptions?)</c>, an <c>IAsyncEnumerable</c> with a declared slow-consumer policy.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ModuleStreamAttribute : Attribute
{
    /// <summary>Declares the stream.</summary>
    /// <param name="message">A <c>[ProtocolMessage]</c> type.</param>
    /// <param name="name">The stream's name: the API gets <c>Subscribe{name}</c>.</param>
    public ModuleStreamAttribute(Type message, string name)
    {
        Message = message;
        Name = name;
    }

    /// <summary>The message type.</summary>
    public Type Message { get; }

    /// <summary>The stream's name.</summary>
    public string Name { get; }
}

/// <summary>
/// Declares a handler for an inbound message inside a module (e.g. to update the client state): <c>void Name(TMessage message)</c>,
/// or <c>ValueTask</c>/<c>Task Name(TMessage message, CancellationToken cancellationToken)</c>; static or instance.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleHandlerAttribute : Attribute
{
}

/// <summary>
/// Declares a keyed stream on a <see cref="ProtocolModuleAttribute"/> class: a stream the server starts per key (e.g. an
/// asset's ticks). The method is the key selector, <c>static TKey Name(TMessage message)</c>, run on the receive path for
/// every inbound <c>TMessage</c> (a <c>[ProtocolMessage]</c> type); only the subscribers of the returned key get the message,
/// and a message whose key nobody subscribed to (or whose key is null) is dropped. The messages that start the stream on
/// the server are the <see cref="ModuleStreamStartAttribute"/> methods naming it, the one that stops it the
/// <see cref="ModuleStreamStopAttribute"/> method (optional; PocketOption has none).
/// The API gets <c>Task&lt;Subscription&lt;TMessage&gt;&gt; Subscribe{name}Async(TKey key, SubscriptionOptions?, CancellationToken)</c>:
/// the first subscriber of a key sends the start messages, the last one to leave sends the stop message, and after every
/// reconnect the start messages of every key with subscribers are sent again after the login and before the client reports
/// Ready, so an <c>await foreach</c> goes on (the gap is visible as <c>Subscription.ResumeCount</c> and <c>Resumed</c>).
/// </summary>
/// <remarks>
/// Keys are compared with the key type's default equality (string keys: ordinal, case-sensitive) unless <see cref="Comparer"/>
/// names a static property or field of the module holding an <c>IEqualityComparer&lt;TKey&gt;</c>. A keyed stream without
/// start messages is allowed: the server streams those keys unasked and the stream only routes them.
/// </remarks>
/// <example>
/// <code>
/// [ModuleKeyedStream("Ticks")]           // API: SubscribeTicksAsync(string asset, …)
/// private static string TickAsset(UpdateStream tick) =&gt; tick.Asset;
///
/// [ModuleStreamStart("Ticks")]           // start messages are sent in declaration order
/// private static ChangeSymbol Focus(string asset) =&gt; new() { Asset = asset, Period = 60 };
///
/// [ModuleStreamStart("Ticks")]
/// private static SubFor Subscribe(string asset) =&gt; new(asset);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleKeyedStreamAttribute : Attribute
{
    /// <summary>Declares the keyed stream.</summary>
    /// <param name="name">The stream's name: the API gets <c>Subscribe{name}Async</c>; start and stop methods name it.</param>
    public ModuleKeyedStreamAttribute(string name) => Name = name;

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The name of a static property or field of the module holding the <c>IEqualityComparer&lt;TKey&gt;</c> that compares keys
    /// (e.g. <c>nameof(AssetComparer)</c> for <c>static IEqualityComparer&lt;string&gt; AssetComparer =&gt; StringComparer.OrdinalIgnoreCase;</c>);
    /// the key type's default equality when null.
    /// </summary>
    public string? Comparer { get; set; }
}

/// <summary>
/// Declares a message that starts a keyed stream (<see cref="ModuleKeyedStreamAttribute"/>) for a key on the server:
/// <c>static TOutgoing Name(TKey key)</c>, returning a <c>[ProtocolMessage]</c> to send. A stream's start messages are sent
/// in declaration order, on first subscribe of a key and again after every reconnect (before Ready).
/// Or <c>static TOutgoing Name(TKey key, TState state)</c>, TState the module's state type: built from the state when sent,
/// so a replay after a re-login carries that session's token or request number.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleStreamStartAttribute : Attribute
{
    /// <summary>Declares the start message.</summary>
    /// <param name="stream">The keyed stream's name, as given to <see cref="ModuleKeyedStreamAttribute"/>.</param>
    public ModuleStreamStartAttribute(string stream) => Stream = stream;

    /// <summary>The keyed stream's name.</summary>
    public string Stream { get; }
}

/// <summary>
/// Declares the message that stops a keyed stream (<see cref="ModuleKeyedStreamAttribute"/>) for a key on the server, sent
/// when the key's last subscriber leaves: <c>static TOutgoing Name(TKey key)</c>, or <c>static TOutgoing Name(TKey key, TState state)</c>
/// to build it from the module's state. Optional, at most one per stream.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleStreamStopAttribute : Attribute
{
    /// <summary>Declares the stop message.</summary>
    /// <param name="stream">The keyed stream's name, as given to <see cref="ModuleKeyedStreamAttribute"/>.</param>
    public ModuleStreamStopAttribute(string stream) => Stream = stream;

    /// <summary>The keyed stream's name.</summary>
    public string Stream { get; }
}

/// <summary>
/// Declares a wait for an inbound event: <c>static bool Name(TArgument argument, TMessage message)</c>, returning whether
/// <c>message</c> (a <c>[ProtocolMessage]</c> type) is the event a wait for <c>argument</c> waits for. The API gets
/// <c>InboundWait&lt;TMessage&gt; Wait{Name}(TArgument argument)</c>, which registers the wait when called: register first,
/// then read the state, then await, and the event cannot slip in between (see <see cref="InboundWait{TMessage}"/>).
/// </summary>
/// <example>
/// <code>
/// [ModuleWait] // API: InboundWait&lt;SuccessCloseOrder&gt; WaitDealClosed(string dealId)
/// private static bool DealClosed(string dealId, SuccessCloseOrder closed) =&gt; closed.Deals.Exists(d =&gt; d.Id == dealId);
///
/// using var wait = trades.WaitDealClosed(id);               // registered now
/// if (state.TryGetClosed(id, out var deal)) return deal;    // then read the state: no race
/// var closed = await wait.WaitAsync(TimeSpan.FromMinutes(2), ct);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleWaitAttribute : Attribute
{
}

/// <summary>
/// Declares an on-Ready hook of a module (see <see cref="ReadyHook{TState}"/>):
/// <c>static ValueTask Name(ReadyContext&lt;TState&gt; ready, CancellationToken cancellationToken)</c> (or returning <c>Task</c>).
/// The generated <c>AddXxx()</c> registers it with <c>ClientBuilder.OnReady("module.Name", …)</c>: it runs on every session,
/// the first one included, after the login was accepted and before the client reports Ready; hooks run in registration
/// order, a module's in declaration order.
/// </summary>
/// <example>
/// <code>
/// [ModuleOnReady] // the post-login burst, on every session
/// private static async ValueTask Burst(ReadyContext&lt;MyState&gt; ready, CancellationToken cancellationToken)
/// {
///     await ready.SendAsync(new GetBalance(), cancellationToken);
///     if (ready.IsReconnect) { /* re-send what a hand-written stream needs */ }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleOnReadyAttribute : Attribute
{
}

/// <summary>
/// Declares a periodic send of a module (a keep-alive such as PocketOption's <c>42["ps"]</c>):
/// <c>static TMessage Name()</c> or <c>static TMessage Name(TState state)</c>, returning the <c>[ProtocolMessage]</c> to send.
/// The generated <c>AddXxx()</c> registers it with <c>ClientBuilder.Every("module.Name", …)</c>: it is sent every
/// <see cref="Seconds"/> while a session is Ready (the first one period after Ready, none while connecting or reconnecting),
/// on its own task and never held back by anything else the client sends.
/// </summary>
/// <example>
/// <code>
/// [ModulePeriodic(Seconds = 20)]
/// private static KeepAlive Ping() =&gt; new();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModulePeriodicAttribute : Attribute
{
    /// <summary>The interval in seconds (positive and finite; fractions allowed).</summary>
    public double Seconds { get; set; }
}
