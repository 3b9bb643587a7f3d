using Protocol.Generators.Helpers;

namespace Protocol.Generators.Modules;

/// <summary>A message type a module sends or receives: its fully qualified name and wire name (for docs and logs).</summary>
internal sealed record MessageRef(string Type, string WireName);

/// <summary>A [ModuleCommand] (Response set) or a [ModuleSend] (Response null): one API method and one command class.</summary>
internal sealed record CommandModel(string Name, MessageRef Request, MessageRef? Response, string? Correlation, EquatableArray<FailureModel> Failures);

/// <summary>A [ModuleCommandFailure] method: which inbound message fails the command, and whether it returns an exception or a reason.</summary>
internal sealed record FailureModel(string Method, MessageRef Message, bool ReturnsException);

/// <summary>A [ModuleStream]: a subscription set on the API fed with every inbound message of the type.</summary>
internal sealed record StreamModel(string Name, MessageRef Message);

/// <summary>
/// A [ModuleKeyedStream]: its key selector (Selector, a static method of the module), the key type, the [ModuleStreamStart]
/// methods in declaration order, the optional [ModuleStreamStop] method and the optional Comparer member of the module.
/// KeyNullable: the selector may return null (dropped).
/// </summary>
internal sealed record KeyedStreamModel(string Name, MessageRef Message, string KeyType, bool KeyNullable, string Selector, EquatableArray<StreamMessageModel> Starts, StreamMessageModel? Stop, string? Comparer);

/// <summary>A [ModuleStreamStart] or [ModuleStreamStop] method; TakesState: it is 'Name(TKey key, TState state)' and gets the client's state.</summary>
internal sealed record StreamMessageModel(string Method, bool TakesState);

/// <summary>A [ModuleWait] predicate: the API gets Wait{Method}(ArgumentType ArgumentName).</summary>
internal sealed record WaitModel(string Method, string ArgumentType, string ArgumentName, MessageRef Message);

/// <summary>A [ModuleHandler] method and how to call it.</summary>
internal sealed record HandlerModel(string Method, MessageRef Message, bool IsStatic, bool IsAsync, bool IsTask, bool TakesToken);

/// <summary>A [ModuleOnReady] method: registered with ClientBuilder.OnReady; IsTask: it returns Task rather than ValueTask.</summary>
internal sealed record ReadyHookModel(string Method, bool IsTask);

/// <summary>A [ModulePeriodic] method: registered with ClientBuilder.Every; Seconds as a C# literal; TakesState: it takes the client's state.</summary>
internal sealed record PeriodicModel(string Method, MessageRef Message, string Seconds, bool TakesState);

/// <summary>
/// Everything the module emitter needs: strings and equatable arrays only. <see cref="DeclarationOnly"/>: the module has declaration
/// errors, so only its declared API (bodiless), its AddXxx() and, when <see cref="BaseClass"/>, its base class are emitted
/// (<see cref="ModuleDeclarationEmitter"/>); StateType is empty when the state type is unusable (no AddXxx() then).
/// </summary>
internal sealed record ModuleModel(
    TypeDecl Module,
    string Accessibility,
    string ModuleName,
    string StateType,
    string ApiName,
    EquatableArray<CommandModel> Commands,
    EquatableArray<StreamModel> Streams,
    EquatableArray<HandlerModel> Handlers,
    EquatableArray<KeyedStreamModel> KeyedStreams,
    EquatableArray<WaitModel> Waits,
    EquatableArray<ReadyHookModel> ReadyHooks,
    EquatableArray<PeriodicModel> Periodics,
    bool DeclarationOnly = false,
    bool BaseClass = false);
